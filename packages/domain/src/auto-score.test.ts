import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoScore, choicesOf, clampPoints, effectivePoints } from './auto-score.ts';
import type { Question } from './exam.ts';

const mc = (answerKey: string[], maxPoints = 2): Question => ({
  id: 'q1',
  label: 'Q1',
  maxPoints,
  weight: 1,
  scoring: 'auto',
  answerKey,
});
const manual: Question = { id: 'q3', label: 'Q3', maxPoints: 10, weight: 1, scoring: 'manual' };

describe('choicesOf', () => {
  it('R18 reads the choices of an answer or key however they are separated', () => {
    expect(choicesOf(' A, C;D ')).toEqual(['A', 'C', 'D']);
    expect(choicesOf('B')).toEqual(['B']);
    expect(choicesOf(' ,; ')).toEqual([]);
  });
});

describe('autoScore', () => {
  it('R18 scores a single-answer question from the key: right is full marks, wrong is 0', () => {
    expect(autoScore(['b'], mc(['b']))).toEqual({ ok: true, points: 2 });
    expect(autoScore(['c'], mc(['b']))).toEqual({ ok: true, points: 0 });
    expect(autoScore([], mc(['b']))).toEqual({ ok: true, points: 0 });
  });

  it('R18 gives a share per correct choice and takes one per wrong choice on a multi-answer question', () => {
    expect(autoScore(['a', 'b'], mc(['a', 'b'], 4))).toEqual({ ok: true, points: 4 });
    expect(autoScore(['a'], mc(['a', 'b'], 4))).toEqual({ ok: true, points: 2 });
    expect(autoScore(['a', 'c'], mc(['a', 'b'], 4))).toEqual({ ok: true, points: 0 });
    expect(autoScore(['a', 'a'], mc(['a', 'b', 'c'], 2))).toEqual({ ok: true, points: 0.67 });
  });

  it('R18 never goes below 0 when every box is ticked', () => {
    expect(autoScore(['a', 'b', 'c', 'd'], mc(['a']))).toEqual({ ok: true, points: 0 });
  });

  it('refuses a question that is not auto-scored', () => {
    expect(autoScore(['a'], manual)).toEqual({ ok: false, reason: 'notAutoScored', detail: 'q3' });
  });

  it('R18 keeps auto points within 0 and the maximum for any choices', () => {
    const choice = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(
        fc.uniqueArray(choice, { minLength: 1 }),
        fc.array(choice),
        fc.integer({ min: 1, max: 50 }),
        (key, choices, max) => {
          const scored = autoScore(choices, mc(key, max));
          expect(scored.ok && scored.points >= 0 && scored.points <= max).toBe(true);
        },
      ),
    );
  });
});

describe('effectivePoints', () => {
  it('R18 shows an examiner’s points on an auto-scored question as an override of the auto points', () => {
    expect(effectivePoints(mc(['b']), 1, 2)).toEqual({ points: 1, source: 'override', autoPoints: 2 });
    expect(effectivePoints(mc(['b']), 1, undefined)).toEqual({ points: 1, source: 'override' });
    expect(effectivePoints(mc(['b']), undefined, 2)).toEqual({ points: 2, source: 'auto' });
    expect(effectivePoints(mc(['b']), undefined, undefined)).toBeUndefined();
  });

  it('takes the examiner’s points on a manual question', () => {
    expect(effectivePoints(manual, 7, undefined)).toEqual({ points: 7, source: 'manual' });
    expect(effectivePoints(manual, undefined, 7)).toBeUndefined();
  });

  it('R18 keeps points within 0 and the maximum', () => {
    expect(effectivePoints(manual, 12, undefined)?.points).toBe(10);
    expect(effectivePoints(mc(['b']), -1, 5)).toEqual({ points: 0, source: 'override', autoPoints: 2 });
    expect(clampPoints(3, 2)).toBe(2);
    expect(clampPoints(-3, 2)).toBe(0);
    expect(clampPoints(1.5, 2)).toBe(1.5);
  });
});
