import type { Question } from './exam.ts';
import { ok, type Result, refuse } from './result.ts';

/** Points are always within 0 and the question's maximum (R18), even when the maximum was lowered later. */
export const clampPoints = (points: number, maxPoints: number): number =>
  Math.min(Math.max(points, 0), maxPoints);

const hundredths = (n: number) => Math.round(n * 100) / 100;

/** The choices in an answer or an answer key as typed: "A, C;D" or "A C D" are the choices A, C and D. */
export const choicesOf = (text: string): string[] => text.split(/[\s,;]+/).filter((c) => c.length > 0);

/**
 * R18: the points a candidate's choices earn from the answer key. Each correct choice earns an equal share
 * of the maximum and each wrong choice costs one share, never below 0: one right answer of one is full
 * marks, and ticking every box earns nothing.
 */
export const autoScore = (
  answerChoices: readonly string[],
  question: Question,
): Result<{ points: number }> => {
  if (question.scoring !== 'auto' || question.answerKey === undefined)
    return refuse('notAutoScored', question.id);
  const key = new Set(question.answerKey);
  const chosen = new Set(answerChoices);
  let right = 0;
  for (const choice of chosen) right += key.has(choice) ? 1 : -1;
  return ok({ points: clampPoints(hundredths((question.maxPoints * right) / key.size), question.maxPoints) });
};

export type PointsSource = 'manual' | 'auto' | 'override';

/** The points that count for one question, and where they come from, so an override can be shown as one. */
export type EffectivePoints = { points: number; source: PointsSource; autoPoints?: number };

/**
 * R18: the points that count. On an auto-scored question an examiner's points override the auto score;
 * on a manual question the examiner's points are all there is. `undefined` while nothing is set.
 */
export const effectivePoints = (
  question: Pick<Question, 'scoring' | 'maxPoints'>,
  marked: number | undefined,
  auto: number | undefined,
): EffectivePoints | undefined => {
  if (question.scoring === 'manual') {
    return marked === undefined
      ? undefined
      : { points: clampPoints(marked, question.maxPoints), source: 'manual' };
  }
  if (marked !== undefined) {
    const points = clampPoints(marked, question.maxPoints);
    return auto === undefined
      ? { points, source: 'override' }
      : { points, source: 'override', autoPoints: clampPoints(auto, question.maxPoints) };
  }
  return auto === undefined ? undefined : { points: clampPoints(auto, question.maxPoints), source: 'auto' };
};
