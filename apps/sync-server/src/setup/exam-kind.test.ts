import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoApp, demoApp } from '../testing/demo-app.ts';
import { createExam, examInput, put } from './test-kit.ts';

describe('changing the kind of a draft exam', () => {
  let t: DemoApp;
  let coordinator: string;
  beforeEach(async () => {
    t = await demoApp();
    coordinator = await t.login('coordinator');
  });
  afterEach(async () => {
    await t.close();
  });

  it('R17 refuses a kind its commissions would break, and keeps the exam as it was', async () => {
    const examId = await createExam(t, coordinator);
    const formed = await t.post(`/api/exams/${examId}/commissions`, coordinator, {
      name: 'K1',
      members: [{ userId: 'examiner1', affiliation: 'internal' }],
      candidates: [],
    });
    expect(formed.status, await formed.text()).toBe(201);
    // A master's thesis needs two examiners, one of them external: the lone internal examiner cannot grade it.
    const res = await put(t, `/api/exams/${examId}`, coordinator, examInput({ kind: 'mastersThesis' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(((await res.json()) as { detail?: string }).detail).toBe('commission K1');
    expect((await t.storage.repo.exams.byId(examId))?.kind).toBe('written');
    // A kind the commission suits is taken.
    expect((await put(t, `/api/exams/${examId}`, coordinator, examInput({ kind: 'oral' }))).status).toBe(200);
  });
});
