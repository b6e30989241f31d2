import { ok, type Result, refuse } from './result.ts';
import { type Grade, letterGrades, passFailGrades, type Scale } from './scale.ts';

/**
 * Percentages are computed from fractional points, so 90 % may arrive as 89.99999999999999; a threshold
 * counts as reached within this tolerance.
 */
const tolerance = 1e-9;

/** The grade a weighted percentage earns on the scale: the best grade whose threshold is reached. */
export const gradeFromPercent = (scale: Scale, percent: number): Grade => {
  if (scale.kind === 'passFail') return percent + tolerance >= scale.passAt ? 'Pass' : 'NotPass';
  const t = scale.thresholds;
  for (const grade of ['A', 'B', 'C', 'D', 'E'] as const) {
    if (percent + tolerance >= t[grade]) return grade;
  }
  return 'F';
};

const scaleOfGrade = (grade: Grade): Scale['kind'] =>
  (letterGrades as readonly string[]).includes(grade) ? 'letter' : 'passFail';

/** 0 for the best grade of its scale (A, Pass), rising towards the worst (F, NotPass). */
export const gradeRank = (grade: Grade): number =>
  scaleOfGrade(grade) === 'letter'
    ? (letterGrades as readonly string[]).indexOf(grade)
    : (passFailGrades as readonly string[]).indexOf(grade);

export const isFailingGrade = (grade: Grade): boolean => grade === 'F' || grade === 'NotPass';

/**
 * How many steps lie between two grades of one scale, without sign: A → C is 2, Pass → NotPass is 1.
 * Grades of different scales cannot be compared.
 */
export const gradeSteps = (a: Grade, b: Grade): Result<{ steps: number }> =>
  scaleOfGrade(a) === scaleOfGrade(b)
    ? ok({ steps: Math.abs(gradeRank(a) - gradeRank(b)) })
    : refuse('mixedScales', `${a} and ${b}`);

/** Signed steps from `from` to `to`: positive when `to` is the better grade (C → A is +2). */
export const gradeChange = (from: Grade, to: Grade): Result<{ change: number }> =>
  scaleOfGrade(from) === scaleOfGrade(to)
    ? ok({ change: gradeRank(from) - gradeRank(to) })
    : refuse('mixedScales', `${from} and ${to}`);
