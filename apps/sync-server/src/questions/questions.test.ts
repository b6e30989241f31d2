import { type CommissionDoc, commissionDoc, docName, examDoc, markKey, rootMap } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, it, testOrigin } from '../testing/demo-app.ts';

type KeyCorrection = {
  changes: Array<{
    commissionId: string;
    candidate: string;
    before?: number;
    after: number;
    effective: { source: string; points: number };
  }>;
  lockedSkipped: string[];
};
type QuestionChange = {
  maxPoints?: { from: number; to: number };
  weight?: { from: number; to: number };
  changes: Array<{
    candidate: string;
    before: { total: number; percent: number; grade: string | null };
    after: { total: number; percent: number; grade: string | null };
    marks?: { from: number; to: number };
  }>;
  lockedSkipped: string[];
};

describe('question changes during grading (R18)', () => {
  const k1 = <T>(t: DemoApp, read: (doc: CommissionDoc) => T) => t.readCommission('K1', read);
  const choiceOf = async (t: DemoApp, candidate: string) =>
    (await t.storage.repo.exams.answers('inf1010', candidate)).find((a) => a.questionId === 'q1')?.text;
  const patch = (t: DemoApp, path: string, cookie: string, body: unknown) =>
    t.app.request(path, {
      method: 'PATCH',
      headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('R18 R21 a corrected answer key recomputes every candidate’s auto points at once; overrides stay', async ({
    t,
    coordinator,
  }) => {
    // An examiner's override on 114's Q1 must survive the correction.
    await t.writer.transact(docName({ kind: 'commission', commissionId: 'K1' }), (raw) =>
      rootMap(raw, 'commission', 'marks').set(markKey('114', 'q1'), 1),
    );
    const before101 = await k1(t, (d) => d.autoPoints('101', 'q1'));
    const res = await t.post('/api/exams/inf1010/questions/q1/answer-key', coordinator, { answerKey: ['C'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as KeyCorrection;

    for (const candidate of ['113', '114', '121', '140']) {
      const commissionId = Number(candidate) <= 120 ? 'K1' : 'K2';
      const expected = (await choiceOf(t, candidate)) === 'C' ? 2 : 0;
      const stored = await t.writer.read(docName({ kind: 'commission', commissionId }), (d) =>
        commissionDoc(d).autoPoints(candidate, 'q1'),
      );
      expect(stored).toBe(expected);
    }
    expect(await k1(t, (d) => d.mark('114', 'q1'))).toBe(1);
    const change114 = body.changes.find((c) => c.candidate === '114');
    if (change114 !== undefined) expect(change114.effective).toMatchObject({ source: 'override', points: 1 });
    // Registered candidates are locked (R6): untouched, and named.
    expect(await k1(t, (d) => d.autoPoints('101', 'q1'))).toBe(before101);
    expect(body.lockedSkipped).toEqual(expect.arrayContaining(['101', '106']));

    const exam = await t.writer.read(docName({ kind: 'exam', examId: 'inf1010' }), (d) => examDoc(d).exam());
    expect(exam?.questions.find((q) => q.id === 'q1')?.answerKey).toEqual(['C']);
    expect((await t.storage.repo.exams.byId('inf1010'))?.questions[0]?.answerKey).toEqual(['C']);
    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'keyCorrection');
    expect(audit).toMatchObject([
      { actorId: 'coordinator', detail: { questionId: 'q1', answerKey: { from: ['B'], to: ['C'] } } },
    ]);
  });

  it('R18 only the coordinator corrects a key, and only of an auto-scored question', async ({
    t,
    coordinator,
  }) => {
    const e1 = await t.login('examiner1');
    expect(
      (await t.post('/api/exams/inf1010/questions/q1/answer-key', e1, { answerKey: ['C'] })).status,
    ).toBe(403);
    const manual = await t.post('/api/exams/inf1010/questions/q3/answer-key', coordinator, {
      answerKey: ['C'],
    });
    expect(await manual.json()).toMatchObject({ error: 'notAutoScored' });
    const unknown = await t.post('/api/exams/inf1010/questions/q99/answer-key', coordinator, {
      answerKey: ['C'],
    });
    expect(await unknown.json()).toMatchObject({ error: 'unknownQuestion' });
  });

  it('R18 R21 a lowered maximum keeps points within it and recomputes totals and grades, logged before and after', async ({
    t,
    coordinator,
  }) => {
    const marked = await k1(t, (d) =>
      ['107', '108', '109', '111', '112'].map((c) => [c, d.mark(c, 'q7')] as const),
    );
    const above = marked.find(([, p]) => p !== undefined && p > 5);
    if (above === undefined) throw new Error('the demo has no Q7 points above 5');
    const locked101 = await k1(t, (d) => d.mark('101', 'q7'));

    const res = await patch(t, '/api/exams/inf1010/questions/q7', coordinator, { maxPoints: 5 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as QuestionChange;
    expect(body.maxPoints).toEqual({ from: 20, to: 5 });
    expect(await k1(t, (d) => d.mark(above[0], 'q7'))).toBe(5);
    const change = body.changes.find((c) => c.candidate === above[0]);
    expect(change?.marks).toEqual({ from: above[1], to: 5 });
    expect(change?.after.total).not.toBe(change?.before.total);
    expect(await k1(t, (d) => d.mark('101', 'q7'))).toBe(locked101);
    expect(body.lockedSkipped).toContain('101');
    expect(
      (await t.storage.repo.exams.byId('inf1010'))?.questions.find((q) => q.id === 'q7')?.maxPoints,
    ).toBe(5);
    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'weightChange');
    expect(audit).toMatchObject([{ detail: { questionId: 'q7', maxPoints: { from: 20, to: 5 } } }]);
  });

  it('R18 a weight change recomputes proposed grades; bad values and examiners are refused', async ({
    t,
    coordinator,
  }) => {
    const res = await patch(t, '/api/exams/inf1010/questions/q8', coordinator, { weight: 3 });
    const body = (await res.json()) as QuestionChange;
    expect(body.weight).toEqual({ from: 1, to: 3 });
    expect(body.changes.length).toBeGreaterThan(0);
    expect(body.changes.every((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))).toBe(true);
    expect((await patch(t, '/api/exams/inf1010/questions/q8', coordinator, { weight: -1 })).status).toBe(400);
    expect((await patch(t, '/api/exams/inf1010/questions/q8', coordinator, {})).status).toBe(400);
    expect(
      (await patch(t, '/api/exams/inf1010/questions/q8', await t.login('examiner1'), { weight: 2 })).status,
    ).toBe(403);
  });
});
