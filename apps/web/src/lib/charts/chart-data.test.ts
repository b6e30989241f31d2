import { describe, expect, it } from 'vitest';
import { appealOutcomeChart, distributionChart, stepGapChart, termsChart } from './chart-data.ts';

const name = (g: string) => (g === 'NotPass' ? 'Fail' : g);

describe('statistics charts', () => {
  it('R19 draws one bar per grade with fails in the danger colour', () => {
    const chart = distributionChart(
      {
        counts: [
          { grade: 'A', count: 2 },
          { grade: 'F', count: 3 },
        ],
      },
      name,
      'Candidates',
    );
    expect(chart.labels).toEqual(['A', 'F']);
    expect(chart.series).toEqual([{ label: 'Candidates', values: [2, 3], tones: ['primary', 'danger'] }]);
  });

  it('R19 compares terms by each grade’s share, every grade in every term', () => {
    const chart = termsChart(
      [
        {
          term: '2026spring',
          total: 4,
          counts: [
            { grade: 'Pass', count: 3 },
            { grade: 'NotPass', count: 1 },
          ],
        },
        { term: '2026autumn', total: 3, counts: [{ grade: 'Pass', count: 3 }] },
        { term: '2027spring', total: 0, counts: [] },
      ],
      name,
    );
    expect(chart.labels).toEqual(['2026spring', '2026autumn', '2027spring']);
    expect(chart.series.map((s) => [s.label, s.values])).toEqual([
      ['Pass', [75, 100, 0]],
      ['Fail', [25, 0, 0]],
    ]);
    expect(chart.series.map((s) => s.tones[0])).toEqual(['chart-1', 'danger']);
    expect(chart).toMatchObject({ stacked: true, percent: true });
  });

  it('R19 shows appeal outcomes and step gaps, two or more steps marked', () => {
    expect(
      appealOutcomeChart({ up: 1, same: 2, down: 0 }, { up: 'Up', same: 'Same', down: 'Down', count: 'n' })
        .series[0]?.values,
    ).toEqual([1, 2, 0]);
    const gaps = stepGapChart([2, 1, 1], (s) => `${s} steps`, 'Appeals');
    expect(gaps.labels).toEqual(['0 steps', '1 steps', '2 steps']);
    expect(gaps.series[0]?.tones).toEqual(['primary', 'primary', 'warn']);
  });
});
