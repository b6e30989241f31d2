/** Builders for tests in every package (`@cograde/domain/testing`); the app never imports them. */
export * from './exam-fixture.ts';
