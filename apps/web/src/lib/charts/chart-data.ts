/** A distribution as the statistics routes answer it: grades by name, counted. */
type Counts = { counts: readonly { grade: string; count: number }[] };

/** What a bar chart draws: one label per bar, one or more series; `tone` picks the colour of each bar. */
export type Tone = 'primary' | 'danger' | 'ok' | 'warn' | 'muted' | `chart-${1 | 2 | 3 | 4 | 5}`;
const series: Tone[] = ['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5'];
export type BarSeries = { label: string; values: number[]; tones: Tone[] };
export type BarData = { labels: string[]; series: BarSeries[]; stacked: boolean; percent: boolean };

const isFail = (grade: string) => grade === 'F' || grade === 'NotPass';

/** R19: one bar per grade, fails in the danger colour so the share of fails stands out. */
export const distributionChart = (
  distribution: Counts,
  gradeName: (grade: string) => string,
  countLabel: string,
): BarData => ({
  labels: distribution.counts.map((c) => gradeName(c.grade)),
  series: [
    {
      label: countLabel,
      values: distribution.counts.map((c) => c.count),
      tones: distribution.counts.map((c) => (isFail(c.grade) ? 'danger' : 'primary')),
    },
  ],
  stacked: false,
  percent: false,
});

/**
 * R19 across terms: one stacked bar per term (and scale kind), each grade's share of that term, so terms
 * of different sizes compare. Grades keep the same order and colour in every term.
 */
export const termsChart = (
  terms: readonly (Counts & { term: string; total: number })[],
  gradeName: (grade: string) => string,
): BarData => {
  const grades: string[] = [];
  for (const t of terms) for (const c of t.counts) if (!grades.includes(c.grade)) grades.push(c.grade);
  return {
    labels: terms.map((t) => t.term),
    series: grades.map((grade, i) => ({
      label: gradeName(grade),
      values: terms.map((t) => {
        const count = t.counts.find((c) => c.grade === grade)?.count ?? 0;
        return t.total === 0 ? 0 : Math.round((count / t.total) * 1000) / 10;
      }),
      tones: terms.map(() => (isFail(grade) ? 'danger' : (series[i % series.length] ?? 'primary'))),
    })),
    stacked: true,
    percent: true,
  };
};

/** R19 appeals: how decided appeals moved the grade, and by how many steps. */
export const appealOutcomeChart = (
  decided: { up: number; same: number; down: number },
  labels: { up: string; same: string; down: string; count: string },
): BarData => ({
  labels: [labels.up, labels.same, labels.down],
  series: [
    {
      label: labels.count,
      values: [decided.up, decided.same, decided.down],
      tones: ['ok', 'muted', 'danger'],
    },
  ],
  stacked: false,
  percent: false,
});

export const stepGapChart = (
  gaps: readonly number[],
  stepsLabel: (steps: number) => string,
  count: string,
): BarData => ({
  labels: gaps.map((_, steps) => stepsLabel(steps)),
  series: [
    { label: count, values: [...gaps], tones: gaps.map((_, steps) => (steps >= 2 ? 'warn' : 'primary')) },
  ],
  stacked: false,
  percent: false,
});
