import { type Exam, type Grade, type Marks, proposedGrade, weightedTotal } from '@cograde/domain';

export type Totals = {
  /** Weighted points over the questions that have points, and the weighted maximum. */
  total: number;
  max: number;
  percent: number;
  missing: number;
  /** `null` until every question has points. */
  grade: Grade | null;
};

/** The running total and proposed grade of one candidate, from the domain's rules (R18 overrides). */
export const totals = (exam: Pick<Exam, 'questions' | 'scale'>, marks: Marks, auto: Marks): Totals => {
  const t = weightedTotal(exam.questions, marks, auto);
  const proposed = proposedGrade(exam, marks, auto);
  return {
    total: t.total,
    max: t.max,
    percent: t.percent,
    missing: t.missing.length,
    grade: proposed.ok ? proposed.grade : null,
  };
};
