import { commissionDoc } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { commissionDocName, writeCommissionDoc } from '../commissions/commission-doc.ts';
import { minimalPdf } from '../seed/minimal-pdf.ts';
import { type AnswersBody, it as demoTest, testOrigin } from '../testing/demo-app.ts';
import { base64, createExam, importCandidates } from './test-kit.ts';

type Report = {
  accepted: boolean;
  valid: Array<{ row: number; candidate: string; questionId: string }>;
  invalid: Array<{ row: number; reason: string }>;
};

const answersCsv = [
  'candidate,question,text',
  '301,q1,B',
  '301,Q2 Graphs,"Breadth-first search, with a queue"',
  '302,q1,A',
  '999,q2,nobody',
  '302,q7,no such question',
].join('\n');

/**
 * A new draft exam of the coordinator's with its candidates, and putting a PDF answer to it, as the coordinator
 * unless the test names someone else.
 */
const it = demoTest
  .extend('examId', async ({ t, coordinator }) => {
    const examId = await createExam(t, coordinator);
    await importCandidates(t, coordinator, examId);
    return examId;
  })
  .extend('putPdf', ({ t, coordinator, examId }) => {
    return (candidate: string, question: string, bytes: Uint8Array | string, who = coordinator) =>
      t.app.request(`/api/exams/${examId}/answers/${candidate}/${question}/pdf`, {
        method: 'PUT',
        headers: { cookie: who, origin: testOrigin, 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: `${candidate}-${question}.pdf`, content: base64(bytes) }),
      });
  });

describe('answers import (R1, R18)', () => {
  it('checks answer texts row by row, then stores the valid ones; a PDF keeps the text beside it', async ({
    t,
    coordinator,
    examId,
    putPdf,
  }) => {
    const file = { fileName: 'answers.csv', content: base64(answersCsv) };
    const check = await t.post(`/api/exams/${examId}/answer-imports`, coordinator, file);
    const report = (await check.json()) as Report;
    expect(report.valid.map((r) => [r.row, r.candidate, r.questionId])).toEqual([
      [2, '301', 'q1'],
      [3, '301', 'q2'],
      [4, '302', 'q1'],
    ]);
    expect(report.invalid.map((r) => [r.row, r.reason])).toEqual([
      [5, 'candidateNotInExam'],
      [6, 'unknownQuestion'],
    ]);
    expect(await t.storage.repo.exams.answers(examId, '301')).toEqual([]);

    await t.post(`/api/exams/${examId}/answer-imports`, coordinator, { ...file, accept: true });
    const pdf = minimalPdf(['candidate 301, Q2']);
    expect((await putPdf('301', 'q2', pdf)).status).toBe(200);
    expect(await t.storage.repo.exams.answers(examId, '301')).toEqual(
      expect.arrayContaining([
        { questionId: 'q1', text: 'B', hasPdf: false },
        { questionId: 'q2', text: 'Breadth-first search, with a queue', hasPdf: true },
      ]),
    );
    expect(await t.storage.repo.exams.answerPdf(examId, '301', 'q2')).toEqual(pdf);
  });

  it('refuses a PDF that is not one, for an unknown candidate or question, and from an examiner', async ({
    t,
    examId,
    putPdf,
  }) => {
    expect((await putPdf('301', 'q2', 'hello')).status).toBe(422);
    expect((await putPdf('999', 'q2', minimalPdf(['x']))).status).toBe(422);
    expect((await putPdf('301', 'q9', minimalPdf(['x']))).status).toBe(422);
    const examiner = await t.login('examiner1');
    expect((await putPdf('301', 'q2', minimalPdf(['x']), examiner)).status).toBe(403);
    expect(await t.storage.repo.exams.answers(examId, '301')).toEqual([]);
  });

  it('R1 an examiner of the exam reads no answer before it is ready for grading, and can after', async ({
    t,
    coordinator,
    examId,
    putPdf,
  }) => {
    await t.post(`/api/exams/${examId}/answer-imports`, coordinator, {
      fileName: 'answers.csv',
      content: base64(answersCsv),
      accept: true,
    });
    const commission = {
      id: 'S1',
      examId,
      name: 'S1',
      purpose: 'ordinary' as const,
      members: [
        {
          userId: 'examiner1',
          displayName: 'Ola Hansen',
          affiliation: 'internal' as const,
          firstTime: false,
          extra: false,
        },
      ],
      candidates: ['301', '302', '303'],
      split: {},
    };
    await t.storage.repo.commissions.put(commission);
    await writeCommissionDoc(t.writer, commission, () => ({ attended: true, auto: {} }));
    const examiner = await t.login('examiner1');
    const before = await t.get(`/api/exams/${examId}/answers/301`, examiner);
    expect(before.status).toBe(403);
    expect(((await before.json()) as { error: string }).error).toBe('notReadyForGrading');

    // R18: answers imported after the commission was formed score its candidates' auto questions.
    const auto = () =>
      t.writer.read(commissionDocName('S1'), (doc) => commissionDoc(doc).autoPoints('301', 'q1'));
    expect(await auto()).toBeUndefined();
    await t.post(`/api/exams/${examId}/answer-imports`, coordinator, {
      fileName: 'answers.csv',
      content: base64(answersCsv),
      accept: true,
    });
    expect(await auto()).toBe(2);

    expect((await t.post(`/api/exams/${examId}/ready`, coordinator)).status).toBe(200);
    const after = await t.getJson<AnswersBody>(`/api/exams/${examId}/answers/301`, examiner);
    expect(after.answers.find((a) => a.questionId === 'q1')?.text).toBe('B');
    expect((await putPdf('301', 'q3', minimalPdf(['late']))).status).toBe(409);
  });
});
