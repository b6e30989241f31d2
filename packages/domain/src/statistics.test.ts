import { describe, expect, it } from 'vitest';
import type { LetterScale, PassFailScale } from './scale.ts';
import { appealStatistics, distributionOverTerms, gradeDistribution } from './statistics.ts';

const letter: LetterScale = { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
const passFail: PassFailScale = { kind: 'passFail', passAt: 40 };

describe('gradeDistribution', () => {
  it('R19 counts every grade of the scale in order, with shares and the share of fails', () => {
    const result = gradeDistribution(letter, ['A', 'B', 'B', 'C', 'F', 'C', 'C', 'F']);
    if (!result.ok) throw new Error(result.reason);
    expect(result.counts.map((c) => [c.grade, c.count])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
      ['D', 0],
      ['E', 0],
      ['F', 2],
    ]);
    expect(result.counts[2]?.share).toBe(3 / 8);
    expect(result.total).toBe(8);
    expect(result.failShare).toBe(0.25);
  });

  it('R19 counts NotPass as a fail on a pass/fail scale', () => {
    expect(gradeDistribution(passFail, ['Pass', 'NotPass', 'Pass', 'Pass'])).toMatchObject({
      ok: true,
      failShare: 0.25,
      counts: [
        { grade: 'Pass', count: 3 },
        { grade: 'NotPass', count: 1 },
      ],
    });
  });

  it('R19 an exam without grades has no fails, and off-scale grades are refused', () => {
    expect(gradeDistribution(letter, [])).toMatchObject({ ok: true, total: 0, failShare: 0 });
    expect(gradeDistribution(letter, ['A', 'Pass'])).toEqual({
      ok: false,
      reason: 'gradeNotOnScale',
      detail: 'Pass',
    });
  });
});

describe('distributionOverTerms', () => {
  it('R19 gives one row per term, oldest first, adding up exams of a term on the same scale', () => {
    const result = distributionOverTerms([
      { term: '2026autumn', examId: 'inf1010-h26', scale: letter, grades: ['A', 'F'] },
      { term: '2026spring', examId: 'inf1010-v26', scale: letter, grades: ['B', 'B', 'F', 'C'] },
      { term: '2026autumn', examId: 'inf1000-h26', scale: letter, grades: ['C'] },
      { term: '2025autumn', examId: 'exphil-h25', scale: passFail, grades: ['Pass', 'NotPass'] },
      { term: '2026autumn', examId: 'exphil-h26', scale: passFail, grades: ['Pass'] },
    ]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.terms.map((t) => [t.term, t.scaleKind, t.exams, t.total, t.failShare])).toEqual([
      ['2025autumn', 'passFail', ['exphil-h25'], 2, 0.5],
      ['2026spring', 'letter', ['inf1010-v26'], 4, 0.25],
      ['2026autumn', 'letter', ['inf1010-h26', 'inf1000-h26'], 3, 1 / 3],
      ['2026autumn', 'passFail', ['exphil-h26'], 1, 0],
    ]);
  });

  it('R19 refuses a term with grades off its scale', () => {
    expect(
      distributionOverTerms([{ term: '2026autumn', examId: 'x', scale: passFail, grades: ['A'] }]),
    ).toMatchObject({
      ok: false,
      reason: 'gradeNotOnScale',
    });
  });
});

describe('appealStatistics', () => {
  it('R19 counts appeals, their outcomes and the gap in steps', () => {
    const result = appealStatistics([
      { ordinary: 'C', appeal: 'A' },
      { ordinary: 'C', appeal: 'B' },
      { ordinary: 'B', appeal: 'B' },
      { ordinary: 'D', appeal: 'E' },
      { ordinary: 'NotPass', appeal: 'Pass' },
    ]);
    expect(result).toEqual({
      ok: true,
      count: 5,
      up: 3,
      down: 1,
      same: 1,
      stepGaps: [1, 3, 1],
      meanChange: (2 + 1 + 0 - 1 + 1) / 5,
    });
  });

  it('R19 without appeals everything is 0', () => {
    expect(appealStatistics([])).toEqual({
      ok: true,
      count: 0,
      up: 0,
      down: 0,
      same: 0,
      stepGaps: [],
      meanChange: 0,
    });
  });

  it('R19 refuses an appeal whose grades are on different scales', () => {
    expect(appealStatistics([{ ordinary: 'C', appeal: 'Pass' }])).toMatchObject({
      ok: false,
      reason: 'mixedScales',
    });
  });
});
