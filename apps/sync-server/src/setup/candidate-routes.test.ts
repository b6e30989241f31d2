import { docName } from '@cograde/domain';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { it as demoTest } from '../testing/demo-app.ts';
import { base64, createExam, xlsx } from './test-kit.ts';

type Report = {
  accepted: boolean;
  valid: Array<{ row: number; number: string; name: string; studentId: string }>;
  invalid: Array<{ row: number; number: string; reason: string; message: string }>;
  candidates: number;
};

const rows = [
  ['Candidate', 'Name', 'Student id'],
  [301, 'Kari Nordmann', 's300001'],
  ['30X', 'Per Hansen', 's300002'],
  [303, 'Siri Dahl', 's300003'],
];

/** A new draft exam of the coordinator's, and its candidate import as the coordinator calls it. */
const it = demoTest
  .extend('examId', ({ t, coordinator }) => createExam(t, coordinator))
  .extend('upload', ({ t, coordinator, examId }) => async (body: object) => {
    const res = await t.post(`/api/exams/${examId}/candidate-imports`, coordinator, body);
    return { status: res.status, body: (await res.json()) as Report };
  });

describe('candidate import (R2)', () => {
  it('an .xlsx check reports the invalid row with its number and reason and stores nothing', async ({
    t,
    examId,
    upload,
  }) => {
    const content = base64(await xlsx(rows));
    const check = await upload({ fileName: 'candidates.xlsx', content });
    expect(check.status).toBe(200);
    expect(check.body.accepted).toBe(false);
    expect(check.body.valid.map((r) => [r.row, r.number, r.name])).toEqual([
      [2, '301', 'Kari Nordmann'],
      [4, '303', 'Siri Dahl'],
    ]);
    expect(check.body.invalid).toEqual([
      expect.objectContaining({ row: 3, number: '30X', reason: 'badCandidateNumber' }),
    ]);
    expect(check.body.invalid[0]?.message).toMatch(/digits/);
    expect(await t.storage.repo.exams.candidates(examId)).toEqual([]);

    const accepted = await upload({ fileName: 'candidates.xlsx', content, accept: true });
    expect(accepted.body).toMatchObject({ accepted: true, candidates: 2 });
    expect((await t.storage.repo.exams.candidates(examId)).map((c) => [c.number, c.studentId])).toEqual([
      ['301', 's300001'],
      ['303', 's300003'],
    ]);
  });

  it('R2 names and student ids reach no document an examiner could open', async ({
    t,
    coordinator,
    examId,
    upload,
  }) => {
    const content = base64(await xlsx(rows));
    await upload({ fileName: 'candidates.xlsx', content, accept: true });
    for (const name of [`exam:${examId}`, `progress:${examId}`]) {
      const state = await t.writer.read(name, (doc) => JSON.stringify(doc.toJSON()));
      expect(state).not.toMatch(/Nordmann|s300001/);
    }
    const raw = await t.storage.docs.load(docName({ kind: 'exam', examId }));
    const doc = new Y.Doc();
    for (const u of raw) Y.applyUpdate(doc, u);
    expect(JSON.stringify(doc.toJSON())).not.toMatch(/Nordmann/);
    const audit = await t.getJson<{ events: Array<{ detail: unknown }> }>(
      `/api/exams/${examId}/audit`,
      coordinator,
    );
    expect(JSON.stringify(audit.events)).not.toMatch(/Nordmann|s300001/);
  });

  it('a file that is not a spreadsheet, or an examiner, changes nothing', async ({ t, examId, upload }) => {
    const broken = await upload({ fileName: 'c.xlsx', content: base64('not a zip') });
    expect(broken.status).toBe(422);
    const examiner = await t.login('examiner1');
    const res = await t.post(`/api/exams/${examId}/candidate-imports`, examiner, {
      fileName: 'c.csv',
      content: base64('candidate,name,student\n1,A,s1'),
      accept: true,
    });
    expect(res.status).toBe(403);
    expect(await t.storage.repo.exams.candidates(examId)).toEqual([]);
  });

  it('R1 candidates are not imported once the exam is ready for grading', async ({
    t,
    coordinator,
    examId,
    upload,
  }) => {
    await upload({ fileName: 'c.csv', content: base64('candidate,name,student\n1,A,s1'), accept: true });
    expect((await t.post(`/api/exams/${examId}/ready`, coordinator)).status).toBe(200);
    const late = await upload({
      fileName: 'c.csv',
      content: base64('candidate,name,student\n2,B,s2'),
      accept: true,
    });
    expect(late.status).toBe(409);
    expect((await t.storage.repo.exams.candidates(examId)).map((c) => c.number)).toEqual(['1']);
  });
});
