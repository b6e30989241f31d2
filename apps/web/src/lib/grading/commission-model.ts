import {
  type CandidateNumber,
  type CommissionDoc,
  type Exam,
  effectivePoints,
  type Marks,
  type PrivateDoc,
  type Question,
  type UserId,
} from '@cograde/domain';
import { type Totals, totals } from './totals.ts';

export type CandidateStatus = 'notAttended' | 'locked' | 'confirmed' | 'graded' | 'partial' | 'open';

/** What one examiner reads from a commission: the shared document, their private one, and the exam. */
export type CommissionView = {
  exam: Exam;
  commission: CommissionDoc;
  own: PrivateDoc | null;
  userId: UserId;
};

/** The marks an examiner works on: shared ones (R4) or their own (R3). */
export const marksAreShared = (exam: Exam) => exam.policies.marksMode === 'shared';

/** R16: a disqualified examiner does not see the candidate at all. */
export const visibleCandidates = (v: CommissionView): CandidateNumber[] =>
  v.commission.candidateNumbers().filter((c) => !v.commission.candidate(c)?.disqualified.includes(v.userId));

export const enteredPoints = (v: CommissionView, candidate: CandidateNumber, question: Question) =>
  marksAreShared(v.exam) ? v.commission.mark(candidate, question.id) : v.own?.mark(candidate, question.id);

/** The points that count and whether they override the auto score (R18). */
export const pointsOf = (v: CommissionView, candidate: CandidateNumber, question: Question) =>
  effectivePoints(
    question,
    enteredPoints(v, candidate, question),
    v.commission.autoPoints(candidate, question.id),
  );

export const marksOf = (v: CommissionView, candidate: CandidateNumber): { marks: Marks; auto: Marks } => {
  const marks: Marks = {};
  const auto: Marks = {};
  for (const q of v.exam.questions) {
    const m = enteredPoints(v, candidate, q);
    const a = v.commission.autoPoints(candidate, q.id);
    if (m !== undefined) marks[q.id] = m;
    if (a !== undefined) auto[q.id] = a;
  }
  return { marks, auto };
};

export const candidateTotals = (v: CommissionView, candidate: CandidateNumber): Totals => {
  const { marks, auto } = marksOf(v, candidate);
  return totals(v.exam, marks, auto);
};

export const candidateStatus = (v: CommissionView, candidate: CandidateNumber): CandidateStatus => {
  if (v.commission.candidate(candidate)?.attended === false) return 'notAttended';
  if (v.commission.final(candidate) !== undefined) return 'locked';
  if (v.commission.confirmations(candidate).length > 0) return 'confirmed';
  // R13: a registration-only exam has no questions; its grade is given directly.
  if (v.exam.questions.length === 0) return 'open';
  const t = candidateTotals(v, candidate);
  if (t.missing === 0) return 'graded';
  return t.missing < v.exam.questions.length ? 'partial' : 'open';
};

export type Progress = { total: number; graded: number; confirmed: number; locked: number };

/** Counts are cumulative: a registered candidate is also confirmed and graded. */
export const commissionProgress = (v: CommissionView): Progress => {
  const p: Progress = { total: 0, graded: 0, confirmed: 0, locked: 0 };
  for (const c of visibleCandidates(v)) {
    const status = candidateStatus(v, c);
    if (status === 'notAttended') continue;
    p.total++;
    if (status === 'locked') p.locked++;
    if (status === 'locked' || status === 'confirmed') p.confirmed++;
    if (status !== 'partial' && status !== 'open') p.graded++;
  }
  return p;
};

/** R3: in individual mode, co-examiners' marks are known only from their confirmations. */
export const confirmedMarks = (v: CommissionView, candidate: CandidateNumber, question: Question) =>
  v.commission
    .confirmations(candidate)
    .filter((c) => c.userId !== v.userId && c.marks !== undefined)
    .map((c) => ({ userId: c.userId, points: c.marks?.[question.id] }));
