import { docName, examDoc, progressDoc } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DocsBody, it } from '../testing/demo-app.ts';
import { createExam, examInput, importCandidates, put } from './test-kit.ts';

type ExamBody = { exam: { id: string; status: string; title: string; questions: unknown[] } };

describe('exam setup: create, edit, ready (R1)', () => {
  it('R21 a coordinator creates a draft exam: coordinator grant, exam document, audit entry', async ({
    t,
    coordinator,
  }) => {
    const res = await t.post('/api/exams', coordinator, examInput());
    expect(res.status).toBe(201);
    const { exam } = (await res.json()) as ExamBody;
    expect(exam).toMatchObject({
      id: 'inf2220-2026autumn',
      status: 'draft',
      title: 'Algorithms and data structures',
    });

    const docs = await t.getJson<DocsBody>('/api/docs', coordinator);
    const names = docs.docs.map((d) => d.name);
    expect(names).toContain('exam:inf2220-2026autumn');
    expect(names).toContain('progress:inf2220-2026autumn');
    const stored = await t.writer.read(docName({ kind: 'exam', examId: exam.id }), (doc) =>
      examDoc(doc).exam(),
    );
    expect(stored).toMatchObject({ id: exam.id, status: 'draft', questions: exam.questions });
    const progress = await t.writer.read(docName({ kind: 'progress', examId: exam.id }), (doc) =>
      progressDoc(doc).commissions(),
    );
    expect(progress).toEqual([]);

    const audit = await t.getJson<{ events: Array<{ action: string; actorId: string }> }>(
      `/api/exams/${exam.id}/audit`,
      coordinator,
    );
    expect(audit.events).toEqual([
      expect.objectContaining({ action: 'examCreated', actorId: 'coordinator' }),
    ]);
    // The same course and term again gets the next free id.
    expect(await createExam(t, coordinator)).toBe('inf2220-2026autumn-2');
  });

  it('only someone who coordinates an exam may create one; bad input is refused and stores nothing', async ({
    t,
    coordinator,
  }) => {
    const examiner = await t.login('examiner1');
    const refused = await t.post('/api/exams', examiner, examInput());
    expect(refused.status).toBe(403);
    const noKey = examInput({
      questions: [{ id: 'q1', label: 'Q1', maxPoints: 2, weight: 1, scoring: 'auto' }],
    });
    const bad = await t.post('/api/exams', coordinator, noKey);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('badRequest');
    const badTerm = await t.post('/api/exams', coordinator, examInput({ term: 'autumn' }));
    expect(badTerm.status).toBe(400);
    expect((await t.storage.repo.exams.all()).map((e) => e.id).sort()).toEqual(['exphil03', 'inf1010']);
  });

  it('R1 edits while draft, is marked ready once it has candidates, and is then no longer edited', async ({
    t,
    coordinator,
  }) => {
    const id = await createExam(t, coordinator);
    const edited = await put(t, `/api/exams/${id}`, coordinator, examInput({ title: 'Algorithms' }));
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as ExamBody).exam.title).toBe('Algorithms');
    expect((await t.storage.repo.exams.byId(id))?.title).toBe('Algorithms');

    const early = await t.post(`/api/exams/${id}/ready`, coordinator);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toBe('noCandidates');

    await importCandidates(t, coordinator, id);
    const ready = await t.post(`/api/exams/${id}/ready`, coordinator);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as ExamBody).exam.status).toBe('ready');
    const stored = await t.writer.read(docName({ kind: 'exam', examId: id }), (doc) => examDoc(doc).exam());
    expect(stored?.status).toBe('ready');

    const late = await put(t, `/api/exams/${id}`, coordinator, examInput({ title: 'Changed' }));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: string }).error).toBe('examNotDraft');
    expect((await t.storage.repo.exams.byId(id))?.title).toBe('Algorithms');
    const again = await t.post(`/api/exams/${id}/ready`, coordinator);
    expect(again.status).toBe(409);

    const actions = (
      await t.getJson<{ events: Array<{ action: string }> }>(`/api/exams/${id}/audit`, coordinator)
    ).events.map((e) => e.action);
    expect(actions).toEqual(['examCreated', 'examChanged', 'candidatesImported', 'examReady']);
  });

  it('lists every setup endpoint in /api/openapi.json', async ({ t }) => {
    const spec = await t.getJson<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(Object.keys(spec.paths['/api/exams'] ?? {})).toContain('post');
    expect(Object.keys(spec.paths['/api/exams/{examId}'] ?? {})).toContain('put');
    for (const path of [
      '/api/exams/{examId}/ready',
      '/api/exams/{examId}/candidate-imports',
      '/api/exams/{examId}/answer-imports',
    ])
      expect(Object.keys(spec.paths[path] ?? {})).toContain('post');
    expect(
      Object.keys(spec.paths['/api/exams/{examId}/answers/{candidate}/{questionId}/pdf'] ?? {}),
    ).toContain('put');
    expect(Object.keys(spec.paths['/api/people'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it('another exam’s coordinator cannot read or edit the setup of an exam they do not coordinate', async ({
    t,
    coordinator,
  }) => {
    const id = await createExam(t, coordinator);
    await t.storage.repo.exams.addGrant({ userId: 'supervisor', examId: 'inf1010', role: 'coordinator' });
    const other = await t.login('supervisor');
    expect((await t.get(`/api/exams/${id}/setup`, other)).status).toBe(403);
    expect((await put(t, `/api/exams/${id}`, other, examInput({ title: 'X' }))).status).toBe(403);
    const setup = await t.getJson<{ candidates: number; exam: { id: string } }>(
      `/api/exams/${id}/setup`,
      coordinator,
    );
    expect(setup).toMatchObject({ candidates: 0, exam: { id } });
  });
});
