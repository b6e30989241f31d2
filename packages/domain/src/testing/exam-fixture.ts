/**
 * The exam tests start from, so that each test names only what it depends on. Imported as
 * `@cograde/domain/testing`, never from the package's index: the app bundle does not carry it.
 */
import type { z } from 'zod';
import { defaultPolicies, type Exam, examSchema, type Policies } from '../exam.ts';

/** Anything of an exam as it is written before parsing; `policies` replaces only the policies it names. */
export type TestExamOverrides = Partial<Omit<z.input<typeof examSchema>, 'policies'>> & {
  policies?: Partial<Policies>;
};

/** A new exam's policies (`defaultPolicies`), with the ones a test depends on named. */
export const testPolicies = (overrides: Partial<Policies> = {}): Policies => ({
  ...defaultPolicies(),
  ...overrides,
});

/**
 * INF1010's written exam as JSON before parsing (for tests of the schema itself): an auto-scored Q1
 * (answer b) and a manual Q3, letter grades.
 */
export const testExamInput = ({ policies, ...overrides }: TestExamOverrides = {}) => ({
  id: 'inf1010',
  course: 'INF1010',
  title: 'Object-oriented programming',
  term: '2026autumn',
  date: '2026-11-12',
  kind: 'written' as const,
  status: 'ready' as const,
  questions: [
    { id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'auto' as const, answerKey: ['b'] },
    { id: 'q3', label: 'Q3', maxPoints: 10, scoring: 'manual' as const },
  ],
  scale: { kind: 'letter' as const, thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } },
  policies: testPolicies(policies),
  ...overrides,
});

/** The same exam parsed, as the rules and the documents hold it. */
export const testExam = (overrides: TestExamOverrides = {}): Exam =>
  examSchema.parse(testExamInput(overrides));
