import { effectivePoints } from './auto-score.ts';
import type { Question } from './exam.ts';
import { gradeFromPercent } from './grade-order.ts';
import type { QuestionId } from './ids.ts';
import type { Marks } from './records.ts';
import { ok, type Result, refuse } from './result.ts';
import type { Grade, Scale } from './scale.ts';

export type WeightedTotal = {
  /** Sum of points × weight over the questions that have points. */
  total: number;
  /** Sum of max points × weight over every question. */
  max: number;
  /** `total` as a percentage of `max`; 0 when the exam has no questions. */
  percent: number;
  /** Questions that have no points yet, in the exam's order. */
  missing: QuestionId[];
};

type Scored = Pick<Question, 'id' | 'maxPoints' | 'weight' | 'scoring'>;

export const maxWeightedTotal = (questions: readonly Scored[]): number =>
  questions.reduce((sum, q) => sum + q.maxPoints * q.weight, 0);

/**
 * The weighted total of one candidate's points. `marks` are the examiner's (or the commission's) points;
 * `auto` the points computed from answer keys, which an examiner's points override (R18). Stored points
 * above a lowered maximum count as the maximum.
 */
export const weightedTotal = (
  questions: readonly Scored[],
  marks: Marks,
  auto: Marks = {},
): WeightedTotal => {
  let total = 0;
  const missing: QuestionId[] = [];
  for (const q of questions) {
    const points = effectivePoints(q, marks[q.id], auto[q.id]);
    if (points === undefined) missing.push(q.id);
    else total += points.points * q.weight;
  }
  const max = maxWeightedTotal(questions);
  return { total, max, percent: max === 0 ? 0 : (total / max) * 100, missing };
};

export type ProposedGrade = WeightedTotal & { grade: Grade };

/** The grade the points propose; refused until every question has points. */
export const proposedGrade = (
  exam: { questions: readonly Scored[]; scale: Scale },
  marks: Marks,
  auto: Marks = {},
): Result<ProposedGrade> => {
  if (exam.questions.length === 0) return refuse('incompleteMarks', 'the exam has no questions');
  const total = weightedTotal(exam.questions, marks, auto);
  if (total.missing.length > 0) return refuse('incompleteMarks', `no points on ${total.missing.join(', ')}`);
  return ok({ ...total, grade: gradeFromPercent(exam.scale, total.percent) });
};
