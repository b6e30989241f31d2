import { describe, expect, it } from 'vitest';
import { gradeChange, gradeFromPercent, gradeRank, gradeSteps, isFailingGrade } from './grade-order.ts';
import type { LetterScale, PassFailScale } from './scale.ts';

const letter: LetterScale = { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
const passFail: PassFailScale = { kind: 'passFail', passAt: 40 };

describe('gradeFromPercent', () => {
  it('gives the best grade whose threshold is reached', () => {
    expect(gradeFromPercent(letter, 100)).toBe('A');
    expect(gradeFromPercent(letter, 90)).toBe('A');
    expect(gradeFromPercent(letter, 89.99)).toBe('B');
    expect(gradeFromPercent(letter, 77)).toBe('B');
    expect(gradeFromPercent(letter, 65)).toBe('C');
    expect(gradeFromPercent(letter, 53)).toBe('D');
    expect(gradeFromPercent(letter, 40)).toBe('E');
    expect(gradeFromPercent(letter, 39.9)).toBe('F');
    expect(gradeFromPercent(letter, 0)).toBe('F');
  });

  it('reaches a threshold despite floating-point noise in the percentage', () => {
    // 0.9 * 100 is 90.00000000000001 and (0.1 + 0.2 + 0.6) * 100 is 89.99999999999999.
    expect(gradeFromPercent(letter, (0.1 + 0.2 + 0.6) * 100)).toBe('A');
  });

  it('uses passAt on a pass/fail scale', () => {
    expect(gradeFromPercent(passFail, 40)).toBe('Pass');
    expect(gradeFromPercent(passFail, 39)).toBe('NotPass');
  });
});

describe('gradeSteps', () => {
  it('counts the steps between two letter grades: A → C is 2', () => {
    expect(gradeSteps('A', 'C')).toEqual({ ok: true, steps: 2 });
    expect(gradeSteps('C', 'A')).toEqual({ ok: true, steps: 2 });
    expect(gradeSteps('B', 'B')).toEqual({ ok: true, steps: 0 });
    expect(gradeSteps('A', 'F')).toEqual({ ok: true, steps: 5 });
  });

  it('counts one step between Pass and NotPass', () => {
    expect(gradeSteps('Pass', 'NotPass')).toEqual({ ok: true, steps: 1 });
    expect(gradeSteps('NotPass', 'NotPass')).toEqual({ ok: true, steps: 0 });
  });

  it('refuses to compare grades of different scales', () => {
    expect(gradeSteps('A', 'Pass')).toMatchObject({ ok: false, reason: 'mixedScales' });
    expect(gradeChange('NotPass', 'F')).toMatchObject({ ok: false, reason: 'mixedScales' });
  });

  it('signs the change: positive when the second grade is better', () => {
    expect(gradeChange('C', 'A')).toEqual({ ok: true, change: 2 });
    expect(gradeChange('A', 'C')).toEqual({ ok: true, change: -2 });
    expect(gradeChange('NotPass', 'Pass')).toEqual({ ok: true, change: 1 });
  });

  it('ranks and names failing grades', () => {
    expect(gradeRank('A')).toBe(0);
    expect(gradeRank('F')).toBe(5);
    expect(gradeRank('Pass')).toBe(0);
    expect(gradeRank('NotPass')).toBe(1);
    expect(['A', 'E', 'F', 'Pass', 'NotPass'].filter((g) => isFailingGrade(g as 'A'))).toEqual([
      'F',
      'NotPass',
    ]);
  });
});
