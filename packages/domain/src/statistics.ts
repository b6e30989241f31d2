import { gradeChange, isFailingGrade } from './grade-order.ts';
import type { ExamId } from './ids.ts';
import { ok, type Result, refuse } from './result.ts';
import { type Grade, gradesOf, type Scale } from './scale.ts';

/** How many candidates got each grade of the scale, in the scale's order, and the share that failed. */
export type GradeDistribution = {
  counts: Array<{ grade: Grade; count: number; share: number }>;
  total: number;
  /** F or NotPass, as a share of all grades (0 when there are none). */
  failShare: number;
};

/** R19: the grade distribution of one exam (or any set of grades on one scale). Off-scale grades are refused. */
export const gradeDistribution = (scale: Scale, grades: readonly Grade[]): Result<GradeDistribution> => {
  const scaleGrades = gradesOf(scale);
  const counts = new Map<Grade, number>(scaleGrades.map((g) => [g, 0]));
  for (const grade of grades) {
    const count = counts.get(grade);
    if (count === undefined) return refuse('gradeNotOnScale', grade);
    counts.set(grade, count + 1);
  }
  const total = grades.length;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  return ok({
    counts: scaleGrades.map((grade) => ({
      grade,
      count: counts.get(grade) ?? 0,
      share: share(counts.get(grade) ?? 0),
    })),
    total,
    failShare: share(grades.filter(isFailingGrade).length),
  });
};

export type TermGrades = { term: string; examId: ExamId; scale: Scale; grades: readonly Grade[] };
export type TermDistribution = GradeDistribution & {
  term: string;
  scaleKind: Scale['kind'];
  exams: ExamId[];
};

/** "2026spring" before "2026autumn" before "2027spring". */
const termOrder = (term: string): number => {
  const year = Number(term.slice(0, 4));
  return year * 2 + (term.endsWith('autumn') ? 1 : 0);
};

/**
 * R19: the distribution over terms: one row per term and scale kind (letter and pass/fail grades are
 * never added up together), oldest term first.
 */
export const distributionOverTerms = (
  exams: readonly TermGrades[],
): Result<{ terms: TermDistribution[] }> => {
  const groups = new Map<string, { term: string; scale: Scale; exams: ExamId[]; grades: Grade[] }>();
  for (const exam of exams) {
    const id = `${exam.term}/${exam.scale.kind}`;
    const group = groups.get(id) ?? { term: exam.term, scale: exam.scale, exams: [], grades: [] };
    group.exams.push(exam.examId);
    group.grades.push(...exam.grades);
    groups.set(id, group);
  }
  const terms: TermDistribution[] = [];
  for (const group of groups.values()) {
    const distribution = gradeDistribution(group.scale, group.grades);
    if (!distribution.ok) return distribution;
    const { ok: _, ...rest } = distribution;
    terms.push({ ...rest, term: group.term, scaleKind: group.scale.kind, exams: group.exams });
  }
  terms.sort((a, b) => termOrder(a.term) - termOrder(b.term) || a.scaleKind.localeCompare(b.scaleKind));
  return ok({ terms });
};

export type AppealPair = { ordinary: Grade; appeal: Grade };

export type AppealStatistics = {
  count: number;
  /** The appeal grade is better than the ordinary one. */
  up: number;
  down: number;
  same: number;
  /** How many appeals moved the grade by each number of steps, without sign: index = steps. */
  stepGaps: number[];
  /** Mean signed change in steps (positive: appeals raise grades); 0 without appeals. */
  meanChange: number;
};

/** R19: appeals count and outcomes, and the gap between the ordinary and the appeal grades. */
export const appealStatistics = (appeals: readonly AppealPair[]): Result<AppealStatistics> => {
  const stats: AppealStatistics = {
    count: appeals.length,
    up: 0,
    down: 0,
    same: 0,
    stepGaps: [],
    meanChange: 0,
  };
  let sum = 0;
  for (const { ordinary, appeal } of appeals) {
    const change = gradeChange(ordinary, appeal);
    if (!change.ok) return change;
    const steps = Math.abs(change.change);
    if (change.change > 0) stats.up += 1;
    else if (change.change < 0) stats.down += 1;
    else stats.same += 1;
    for (let i = stats.stepGaps.length; i <= steps; i += 1) stats.stepGaps.push(0);
    stats.stepGaps[steps] = (stats.stepGaps[steps] ?? 0) + 1;
    sum += change.change;
  }
  stats.meanChange = appeals.length === 0 ? 0 : sum / appeals.length;
  return ok(stats);
};
