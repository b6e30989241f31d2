import { autoScore, type Exam, type Grade, type Marks, type Scale } from '@cograde/domain';
import { choiceOf, seededRandom } from './demo-answers.ts';

/**
 * Points for the demo's marked candidates. Registered candidates get points chosen so that the grade the
 * scale gives is the one registered; the rest get points that follow their answers' quality.
 */

/** R18: the auto score of each multiple-choice answer. */
export const autoPointsOf = (exam: Exam, candidate: string): Marks => {
  const auto: Marks = {};
  exam.questions.forEach((q, index) => {
    const scored = autoScore([choiceOf(Number(candidate), index)], q);
    if (scored.ok) auto[q.id] = scored.points;
  });
  return auto;
};

const half = (n: number) => Math.round(n * 2) / 2;

/**
 * Manual points for a target percentage: each manual question gets about the same share of its maximum,
 * varied a little per candidate, with the last question taking up the rounding.
 */
export const marksForPercent = (exam: Exam, candidate: string, targetPercent: number, auto: Marks): Marks => {
  const manual = exam.questions.filter((q) => q.scoring === 'manual');
  const max = exam.questions.reduce((s, q) => s + q.maxPoints * q.weight, 0);
  const autoTotal = exam.questions.reduce((s, q) => s + (auto[q.id] ?? 0) * q.weight, 0);
  const manualMax = manual.reduce((s, q) => s + q.maxPoints * q.weight, 0);
  const share = Math.min(1, Math.max(0, ((targetPercent / 100) * max - autoTotal) / manualMax));
  const random = seededRandom(Number(candidate) * 613);
  const marks: Marks = {};
  let remaining = share * manualMax;
  manual.forEach((q, i) => {
    const isLast = i === manual.length - 1;
    const varied = Math.min(1, Math.max(0, share + (random() - 0.5) * 0.2));
    const points = isLast ? remaining / q.weight : varied * q.maxPoints;
    const clamped = Math.min(q.maxPoints, Math.max(0, half(points)));
    marks[q.id] = clamped;
    remaining -= clamped * q.weight;
  });
  return marks;
};

/** A target percentage in the middle of the grade's band, so rounding cannot push it across. */
export const targetPercentFor = (scale: Scale, grade: Grade): number => {
  if (scale.kind === 'passFail')
    return grade === 'Pass' ? Math.min(100, scale.passAt + 20) : scale.passAt / 2;
  const t = scale.thresholds;
  const bands: Record<string, [number, number]> = {
    A: [t.A, 100],
    B: [t.B, t.A],
    C: [t.C, t.B],
    D: [t.D, t.C],
    E: [t.E, t.D],
    F: [0, t.E],
  };
  const [low, high] = bands[grade] ?? [0, 100];
  return (low + high) / 2;
};
