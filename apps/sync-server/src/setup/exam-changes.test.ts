import { describe, expect } from 'vitest';
import { it } from '../testing/demo-app.ts';
import { createExam, examInput, put } from './test-kit.ts';

describe('creating and changing draft exams', () => {
  it('R17 refuses a kind its commissions would break, and keeps the exam as it was', async ({
    t,
    coordinator,
  }) => {
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

  it('R2 two exams created at the same moment with the same course and term stay two exams', async ({
    t,
    coordinator,
  }) => {
    const [a, b] = await Promise.all([
      t.post('/api/exams', coordinator, examInput({ title: 'First' })),
      t.post('/api/exams', coordinator, examInput({ title: 'Second' })),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const ids = await Promise.all(
      [a, b].map(async (res) => ((await res.json()) as { exam: { id: string } }).exam.id),
    );
    expect(new Set(ids).size).toBe(2);
    const titles = await Promise.all(ids.map(async (id) => (await t.storage.repo.exams.byId(id))?.title));
    expect(titles.sort()).toEqual(['First', 'Second']);
  });
});
