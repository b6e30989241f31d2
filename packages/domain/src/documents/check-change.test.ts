import { describe, expect, it } from 'vitest';
import type { Exam, Policies } from '../exam.ts';
import type { CandidateNumber } from '../ids.ts';
import { testExam } from '../testing/index.ts';
import { type Change, checkChange, type WriteContext } from './check-change.ts';
import type { CandidateState, CommissionInfo } from './schema.ts';

const exam = (policies: Partial<Policies> = {}): Exam =>
  testExam({
    questions: [
      { id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'auto', answerKey: ['b'] },
      { id: 'q3', label: 'Q3', maxPoints: 10, scoring: 'manual' },
      { id: 'q6', label: 'Q6', maxPoints: 15, scoring: 'manual' },
    ],
    policies,
  });
const info: CommissionInfo = {
  id: 'K1',
  examId: 'inf1010',
  name: 'K1',
  purpose: 'ordinary',
  members: [],
  split: { q3: 'examiner1', q6: 'examiner2' },
};
const candidates = new Map<CandidateNumber, CandidateState>([
  ['101', { attended: true, disqualified: [] }],
  ['102', { attended: true, disqualified: [] }],
  ['103', { attended: false, disqualified: [] }],
  ['104', { attended: true, disqualified: ['examiner1'] }],
]);
const commissionCtx = (p: Partial<Policies> = {}, actorId = 'examiner1'): WriteContext => ({
  kind: 'commission',
  actorId,
  exam: exam(p),
  commission: info,
  candidates,
  locked: new Set(['102']),
});
const privateCtx = (actorId = 'examiner1', ownerId = 'examiner1'): WriteContext => ({
  kind: 'private',
  actorId,
  ownerId,
  exam: exam({ marksMode: 'individual' }),
  candidates,
  locked: new Set(['102']),
});
const set = (root: string, key: string, value: unknown): Change => ({ root, key, value, deleted: false });
const del = (root: string, key: string): Change => ({ root, key, deleted: true });
const reasonOf = (ctx: WriteContext, change: Change) => {
  const result = checkChange(ctx, change);
  return result.ok ? 'ok' : result.reason;
};

describe('checkChange: document shape', () => {
  it('refuses roots the document does not have', () => {
    expect(reasonOf(commissionCtx(), set('grades', '101', 'A'))).toBe('unknownRoot');
    expect(reasonOf(commissionCtx(), set('__proto__', '101', 'A'))).toBe('unknownRoot');
    expect(reasonOf(privateCtx(), set('texts', '101:comment', 'x'))).toBe('unknownRoot');
  });

  it('refuses client writes to roots only the server writes', () => {
    for (const root of [
      'info',
      'candidates',
      'auto',
      'confirmations',
      'finals',
      'holds',
      'context',
      'sampleFlags',
    ]) {
      expect(reasonOf(commissionCtx(), set(root, '101', {})), root).toBe('serverOnly');
    }
    expect(reasonOf(privateCtx(), set('refused', 'r1', {}))).toBe('serverOnly');
    expect(reasonOf({ kind: 'exam', actorId: 'coord' }, set('exam', 'exam', {}))).toBe('serverOnly');
    expect(reasonOf({ kind: 'appeal', actorId: 'appeal1' }, set('record', 'appeal', {}))).toBe('serverOnly');
    expect(reasonOf({ kind: 'progress', actorId: 'coord' }, set('commissions', 'K1', {}))).toBe('serverOnly');
  });

  it('refuses keys of the wrong form', () => {
    expect(reasonOf(commissionCtx(), set('marks', '101', 3))).toBe('badKey');
    expect(reasonOf(commissionCtx(), set('marks', '101:q3:x', 3))).toBe('badKey');
    expect(reasonOf(commissionCtx(), set('texts', '101:grade', 'A'))).toBe('badKey');
    expect(reasonOf(privateCtx(), set('notes', '101:q3', 'x'))).toBe('badKey');
  });

  it('refuses values of the wrong shape', () => {
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', '7'))).toBe('badValue');
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', -1))).toBe('badValue');
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', Number.POSITIVE_INFINITY))).toBe('badValue');
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', { points: 3 }))).toBe('badValue');
    expect(reasonOf(commissionCtx(), set('texts', '101:comment', 'x'.repeat(20_001)))).toBe('badValue');
    expect(reasonOf(privateCtx(), set('notes', '101', 42))).toBe('badValue');
  });
});

describe('checkChange: commission document', () => {
  it('R4 shared marks: any member sets points on any question when the split is not enforced', () => {
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', 7))).toBe('ok');
    expect(reasonOf(commissionCtx(), set('marks', '101:q6', 15))).toBe('ok');
    expect(reasonOf(commissionCtx({}, 'examiner2'), set('marks', '101:q3', 0))).toBe('ok');
    expect(reasonOf(commissionCtx(), del('marks', '101:q3'))).toBe('ok');
  });

  it('R4 enforced split: a member changes only their own questions; unassigned questions are open', () => {
    const enforced = commissionCtx({ enforceSplit: true });
    expect(reasonOf(enforced, set('marks', '101:q3', 7))).toBe('ok');
    expect(reasonOf(enforced, set('marks', '101:q6', 7))).toBe('notYourQuestion');
    expect(reasonOf(enforced, del('marks', '101:q6'))).toBe('notYourQuestion');
    expect(reasonOf(enforced, set('marks', '101:q1', 1))).toBe('ok');
  });

  it('R3 individual mode refuses shared marks', () => {
    expect(reasonOf(commissionCtx({ marksMode: 'individual' }), set('marks', '101:q3', 7))).toBe(
      'marksNotShared',
    );
    // Shared texts are still the commission's (R20).
    expect(reasonOf(commissionCtx({ marksMode: 'individual' }), set('texts', '101:explanation', 'x'))).toBe(
      'ok',
    );
  });

  it('points stay within 0 and the question maximum, on a question of the exam', () => {
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', 10))).toBe('ok');
    expect(reasonOf(commissionCtx(), set('marks', '101:q3', 10.5))).toBe('pointsOutOfRange');
    expect(reasonOf(commissionCtx(), set('marks', '101:q9', 1))).toBe('unknownQuestion');
    const refused = checkChange(commissionCtx(), set('marks', '101:q3', 11));
    expect(refused).toEqual({ ok: false, reason: 'pointsOutOfRange', detail: '11 > 10 on Q3' });
  });

  it('R6 refuses a late change to a locked candidate’s marks or texts, deletions included', () => {
    expect(reasonOf(commissionCtx(), set('marks', '102:q3', 5))).toBe('locked');
    expect(reasonOf(commissionCtx(), del('marks', '102:q3'))).toBe('locked');
    expect(reasonOf(commissionCtx(), set('texts', '102:explanation', 'late edit'))).toBe('locked');
    expect(reasonOf(commissionCtx(), set('texts', '102:comment', 'late edit'))).toBe('locked');
  });

  it('R13 refuses grading a candidate who did not attend', () => {
    expect(reasonOf(commissionCtx(), set('marks', '103:q3', 5))).toBe('notAttended');
    expect(reasonOf(commissionCtx(), set('texts', '103:comment', 'x'))).toBe('notAttended');
  });

  it('R16 a disqualified examiner cannot write for the candidate, who is unknown to them', () => {
    expect(reasonOf(commissionCtx(), set('marks', '104:q3', 5))).toBe('unknownCandidate');
    expect(reasonOf(commissionCtx(), set('texts', '104:comment', 'x'))).toBe('unknownCandidate');
    expect(reasonOf(commissionCtx({}, 'examiner2'), set('marks', '104:q3', 5))).toBe('ok');
  });

  it('R2 refuses candidates outside the commission', () => {
    expect(reasonOf(commissionCtx(), set('marks', '121:q3', 5))).toBe('unknownCandidate');
  });
});

describe('checkChange: private document', () => {
  it('R20 only the owner writes their private document', () => {
    expect(reasonOf(privateCtx('examiner1', 'examiner1'), set('notes', '101', 'mine'))).toBe('ok');
    expect(reasonOf(privateCtx('examiner2', 'examiner1'), set('notes', '101', 'theirs'))).toBe(
      'notYourPrivateData',
    );
    expect(reasonOf(privateCtx('examiner2', 'examiner1'), set('marks', '101:q3', 1))).toBe(
      'notYourPrivateData',
    );
  });

  it('R3 individual marks follow the points, lock and candidate rules', () => {
    expect(reasonOf(privateCtx(), set('marks', '101:q3', 4))).toBe('ok');
    expect(reasonOf(privateCtx(), set('marks', '101:q3', 40))).toBe('pointsOutOfRange');
    expect(reasonOf(privateCtx(), set('marks', '102:q3', 4))).toBe('locked');
    expect(reasonOf(privateCtx(), set('marks', '103:q3', 4))).toBe('notAttended');
    expect(reasonOf(privateCtx(), set('marks', '104:q3', 4))).toBe('unknownCandidate');
  });

  it('R6 private notes are not part of the grade: a lock does not freeze them', () => {
    expect(reasonOf(privateCtx(), set('notes', '102', 'after registration'))).toBe('ok');
    expect(reasonOf(privateCtx(), set('notes', '999', 'x'))).toBe('unknownCandidate');
  });
});
