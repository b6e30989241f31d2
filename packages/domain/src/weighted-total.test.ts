import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from './exam.ts';
import { gradeFromPercent, gradeRank } from './grade-order.ts';
import type { LetterScale, PassFailScale, Scale } from './scale.ts';
import { maxWeightedTotal, proposedGrade, weightedTotal } from './weighted-total.ts';

const letter: LetterScale = { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
const passFail: PassFailScale = { kind: 'passFail', passAt: 40 };

const manual = (id: string, maxPoints: number, weight = 1): Question => ({
  id,
  label: id,
  maxPoints,
  weight,
  scoring: 'manual',
});
const auto = (id: string, maxPoints: number, answerKey = ['b']): Question => ({
  ...manual(id, maxPoints),
  scoring: 'auto',
  answerKey,
});

describe('weightedTotal', () => {
  const questions = [manual('q1', 10, 2), manual('q2', 20, 1), auto('q3', 2)];

  it('sums points times weight and gives the percentage of the weighted maximum', () => {
    const total = weightedTotal(questions, { q1: 5, q2: 20 }, { q3: 2 });
    expect(total).toEqual({ total: 5 * 2 + 20 + 2, max: 42, percent: (32 / 42) * 100, missing: [] });
    expect(maxWeightedTotal(questions)).toBe(42);
  });

  it('lists the questions without points, in the exam order', () => {
    expect(weightedTotal(questions, { q2: 3 }).missing).toEqual(['q1', 'q3']);
  });

  it('R18 lets the examiner override the auto points', () => {
    expect(weightedTotal([auto('q3', 2)], { q3: 0 }, { q3: 2 }).total).toBe(0);
    expect(weightedTotal([auto('q3', 2)], {}, { q3: 2 }).total).toBe(2);
  });

  it('ignores auto points on a manual question', () => {
    expect(weightedTotal([manual('q1', 10)], {}, { q1: 10 }).missing).toEqual(['q1']);
  });

  it('R18 counts points above a lowered maximum as the maximum', () => {
    expect(weightedTotal([manual('q1', 5)], { q1: 8 }).total).toBe(5);
  });

  it('gives 0 % for an exam without questions', () => {
    expect(weightedTotal([], {})).toEqual({ total: 0, max: 0, percent: 0, missing: [] });
  });
});

describe('proposedGrade', () => {
  const exam = { questions: [manual('q1', 10), manual('q2', 10)], scale: letter };

  it('proposes the grade of the weighted percentage', () => {
    expect(proposedGrade(exam, { q1: 9, q2: 9 })).toMatchObject({ ok: true, grade: 'A', percent: 90 });
    expect(proposedGrade(exam, { q1: 4, q2: 3.9 })).toMatchObject({ ok: true, grade: 'F' });
    expect(proposedGrade({ ...exam, scale: passFail }, { q1: 4, q2: 4 })).toMatchObject({ grade: 'Pass' });
  });

  it('refuses until every question has points, naming the missing ones', () => {
    expect(proposedGrade(exam, { q1: 9 })).toEqual({
      ok: false,
      reason: 'incompleteMarks',
      detail: 'no points on q2',
    });
    expect(proposedGrade({ ...exam, questions: [] }, {})).toMatchObject({
      ok: false,
      reason: 'incompleteMarks',
    });
  });
});

const questionArb = fc.record({
  id: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5'),
  maxPoints: fc.integer({ min: 1, max: 100 }),
  weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
  scoring: fc.constantFrom('manual' as const, 'auto' as const),
});
const questionsArb = fc.uniqueArray(questionArb, { selector: (q) => q.id, minLength: 1, maxLength: 5 });
const scaleArb: fc.Arbitrary<Scale> = fc.oneof(
  fc
    .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 5, maxLength: 5 })
    .map((t) => t.sort((a, b) => b - a))
    .map(([A = 0, B = 0, C = 0, D = 0, E = 0]) => ({
      kind: 'letter' as const,
      thresholds: { A, B, C, D, E },
    })),
  fc.integer({ min: 0, max: 100 }).map((passAt) => ({ kind: 'passFail' as const, passAt })),
);
/** Points as fractions of each question's maximum, possibly above it or below 0, to test the clamping. */
const fractionsArb = fc.array(fc.double({ min: -0.5, max: 1.5, noNaN: true }), {
  minLength: 5,
  maxLength: 5,
});
const marksOf = (questions: readonly { id: string; maxPoints: number }[], fractions: readonly number[]) =>
  Object.fromEntries(questions.map((q, i) => [q.id, (fractions[i] ?? 0) * q.maxPoints]));

describe('weighted total properties', () => {
  it('the total stays within 0 and the sum of weighted maxima', () => {
    fc.assert(
      fc.property(questionsArb, fractionsArb, fractionsArb, (questions, marked, autos) => {
        const { total, max, percent } = weightedTotal(
          questions,
          marksOf(questions, marked),
          marksOf(questions, autos),
        );
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(max + 1e-9);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });

  it('the grade never gets worse when points rise', () => {
    fc.assert(
      fc.property(questionsArb, scaleArb, fractionsArb, fractionsArb, (questions, scale, lower, raise) => {
        const low = lower.map((f) => Math.min(Math.max(f, 0), 1));
        const high = low.map((f, i) => Math.min(f + Math.abs(raise[i] ?? 0), 1));
        const a = proposedGrade({ questions, scale }, marksOf(questions, low));
        const b = proposedGrade({ questions, scale }, marksOf(questions, high));
        if (!a.ok || !b.ok) throw new Error('complete marks must give a grade');
        expect(gradeRank(b.grade)).toBeLessThanOrEqual(gradeRank(a.grade));
      }),
    );
  });

  it('the grade from a percentage is monotone', () => {
    fc.assert(
      fc.property(
        scaleArb,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (scale, p, q) => {
          const [low, high] = p <= q ? [p, q] : [q, p];
          expect(gradeRank(gradeFromPercent(scale, high))).toBeLessThanOrEqual(
            gradeRank(gradeFromPercent(scale, low)),
          );
        },
      ),
    );
  });
});
