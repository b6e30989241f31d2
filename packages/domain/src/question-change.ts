import { autoScore, clampPoints } from './auto-score.ts';
import type { Question } from './exam.ts';
import type { CandidateNumber, QuestionId } from './ids.ts';
import type { Marks } from './records.ts';
import { ok, type Result, refuse } from './result.ts';
import type { Grade, Scale } from './scale.ts';
import { proposedGrade, weightedTotal } from './weighted-total.ts';

export type QuestionChange = { questionId: QuestionId; weight?: number; maxPoints?: number };

/** One candidate's points: an examiner's (or the commission's) marks and the auto points. */
export type MarkSheet = { candidate: CandidateNumber; marks: Marks; auto?: Marks };

export type QuestionChangeInput = {
  scale: Scale;
  questions: readonly Question[];
  change: QuestionChange;
  sheets: readonly MarkSheet[];
  /** Choices on the changed question, to rescore it when it is auto-scored and its maximum changes. */
  answers?: ReadonlyMap<CandidateNumber, readonly string[]>;
};

export type SheetOutcome = { total: number; percent: number; grade: Grade | null };

export type SheetChange = {
  candidate: CandidateNumber;
  before: SheetOutcome;
  after: SheetOutcome;
  /** New points to store on the changed question: marks above a lowered maximum, rescored auto points. */
  marks?: { from: number; to: number };
  auto?: { from: number | undefined; to: number };
};

/** What the audit log records for the change (R21). */
export type QuestionChangeLog = {
  questionId: QuestionId;
  weight?: { from: number; to: number };
  maxPoints?: { from: number; to: number };
};

const outcome = (scale: Scale, questions: readonly Question[], marks: Marks, auto: Marks): SheetOutcome => {
  const total = weightedTotal(questions, marks, auto);
  const grade = proposedGrade({ questions, scale }, marks, auto);
  return { total: total.total, percent: total.percent, grade: grade.ok ? grade.grade : null };
};

const isPositive = (n: number | undefined) => n === undefined || (Number.isFinite(n) && n > 0);

/**
 * R18: the coordinator changes a question's weight or maximum during grading. Totals and proposed grades
 * are recomputed, points are kept within the new maximum, and everything that changed is returned for the
 * server to store and log.
 */
export const recomputeAfterQuestionChange = (
  input: QuestionChangeInput,
): Result<{ questions: Question[]; log: QuestionChangeLog; changes: SheetChange[] }> => {
  const { change, scale } = input;
  const old = input.questions.find((q) => q.id === change.questionId);
  if (old === undefined) return refuse('unknownQuestion', change.questionId);
  if (!isPositive(change.weight) || !isPositive(change.maxPoints))
    return refuse('badValue', change.questionId);
  const changed: Question = {
    ...old,
    weight: change.weight ?? old.weight,
    maxPoints: change.maxPoints ?? old.maxPoints,
  };
  const questions = input.questions.map((q) => (q.id === old.id ? changed : q));
  const log: QuestionChangeLog = { questionId: old.id };
  if (changed.weight !== old.weight) log.weight = { from: old.weight, to: changed.weight };
  if (changed.maxPoints !== old.maxPoints) log.maxPoints = { from: old.maxPoints, to: changed.maxPoints };

  const changes: SheetChange[] = [];
  for (const sheet of input.sheets) {
    const before = outcome(scale, input.questions, sheet.marks, sheet.auto ?? {});
    const marks = { ...sheet.marks };
    const auto = { ...sheet.auto };
    const entry: Omit<SheetChange, 'after'> = { candidate: sheet.candidate, before };
    const marked = marks[old.id];
    const clamped = marked === undefined ? undefined : clampPoints(marked, changed.maxPoints);
    if (marked !== undefined && clamped !== undefined && clamped !== marked) {
      marks[old.id] = clamped;
      entry.marks = { from: marked, to: clamped };
    }
    const choices = input.answers?.get(sheet.candidate);
    if (log.maxPoints !== undefined && changed.scoring === 'auto' && choices !== undefined) {
      const rescored = autoScore(choices, changed);
      if (rescored.ok && rescored.points !== auto[old.id]) {
        entry.auto = { from: auto[old.id], to: rescored.points };
        auto[old.id] = rescored.points;
      }
    }
    const after = outcome(scale, questions, marks, auto);
    const same =
      after.total === before.total && after.percent === before.percent && after.grade === before.grade;
    if (!same || entry.marks !== undefined || entry.auto !== undefined) changes.push({ ...entry, after });
  }
  return ok({ questions, log, changes });
};
