import { describe, expect, it } from 'vitest';
import { gradeSchema, gradesOf, isGradeOnScale, letterScaleSchema, scaleSchema } from './scale.ts';

describe('scale', () => {
  it('accepts letter thresholds that fall strictly from A to E', () => {
    const scale = { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
    expect(scaleSchema.parse(scale)).toEqual(scale);
    expect(
      letterScaleSchema.safeParse({ ...scale, thresholds: { ...scale.thresholds, C: 80 } }).success,
    ).toBe(false);
    expect(
      letterScaleSchema.safeParse({ ...scale, thresholds: { ...scale.thresholds, A: 101 } }).success,
    ).toBe(false);
  });

  it('accepts a pass/fail scale with a pass mark in percent', () => {
    expect(scaleSchema.parse({ kind: 'passFail', passAt: 40 })).toEqual({ kind: 'passFail', passAt: 40 });
    expect(scaleSchema.safeParse({ kind: 'passFail', passAt: -1 }).success).toBe(false);
  });

  it('lists the grades of each scale and tells whether a grade is on it', () => {
    const letter = { kind: 'letter' as const, thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
    const passFail = { kind: 'passFail' as const, passAt: 40 };
    expect(gradesOf(letter)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(gradesOf(passFail)).toEqual(['Pass', 'NotPass']);
    expect(isGradeOnScale(letter, 'F')).toBe(true);
    expect(isGradeOnScale(letter, 'Pass')).toBe(false);
    expect(isGradeOnScale(letter, 'a')).toBe(false);
    expect(isGradeOnScale(passFail, 'NotPass')).toBe(true);
    expect(gradeSchema.safeParse('Fail').success).toBe(false);
  });
});
