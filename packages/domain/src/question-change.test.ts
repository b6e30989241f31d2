import { describe, expect, it } from 'vitest';
import type { Question } from './exam.ts';
import { recomputeAfterQuestionChange } from './question-change.ts';
import type { LetterScale } from './scale.ts';

const scale: LetterScale = { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
const questions: Question[] = [
  { id: 'q1', label: 'Q1', maxPoints: 2, weight: 1, scoring: 'auto', answerKey: ['b'] },
  { id: 'q2', label: 'Q2', maxPoints: 10, weight: 1, scoring: 'manual' },
  { id: 'q3', label: 'Q3', maxPoints: 8, weight: 1, scoring: 'manual' },
];

describe('recomputeAfterQuestionChange', () => {
  it('R18 recomputes totals and proposed grades after a weight change and returns what to log', () => {
    const result = recomputeAfterQuestionChange({
      scale,
      questions,
      change: { questionId: 'q2', weight: 3 },
      sheets: [
        { candidate: '101', marks: { q2: 10, q3: 0 }, auto: { q1: 2 } },
        { candidate: '102', marks: { q2: 0, q3: 8 }, auto: { q1: 2 } },
        { candidate: '103', marks: { q3: 8 } },
      ],
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.log).toEqual({ questionId: 'q2', weight: { from: 1, to: 3 } });
    expect(result.questions[1]).toMatchObject({ id: 'q2', weight: 3, maxPoints: 10 });
    expect(result.changes).toEqual([
      {
        candidate: '101',
        before: { total: 12, percent: 60, grade: 'D' },
        after: { total: 32, percent: 80, grade: 'B' },
      },
      {
        candidate: '102',
        before: { total: 10, percent: 50, grade: 'E' },
        after: { total: 10, percent: 25, grade: 'F' },
      },
      // Incomplete: no grade before or after, but the percentage moved.
      {
        candidate: '103',
        before: { total: 8, percent: 40, grade: null },
        after: { total: 8, percent: 20, grade: null },
      },
    ]);
  });

  it('R18 keeps points within a lowered maximum and reports the new points to store', () => {
    const result = recomputeAfterQuestionChange({
      scale,
      questions,
      change: { questionId: 'q2', maxPoints: 5 },
      sheets: [
        { candidate: '101', marks: { q2: 8, q3: 8 }, auto: { q1: 2 } },
        { candidate: '102', marks: { q2: 4, q3: 8 }, auto: { q1: 2 } },
      ],
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.log).toEqual({ questionId: 'q2', maxPoints: { from: 10, to: 5 } });
    expect(result.changes[0]).toMatchObject({ candidate: '101', marks: { from: 8, to: 5 } });
    expect(result.changes[0]?.after).toEqual({ total: 15, percent: 100, grade: 'A' });
    expect(result.changes[1]).toMatchObject({
      candidate: '102',
      before: { grade: 'C' },
      after: { total: 14, grade: 'A' },
    });
    expect(result.changes[1]?.marks).toBeUndefined();
  });

  it('R18 rescores an auto-scored question whose maximum changes', () => {
    const result = recomputeAfterQuestionChange({
      scale,
      questions,
      change: { questionId: 'q1', maxPoints: 4 },
      sheets: [
        { candidate: '101', marks: { q2: 10, q3: 8 }, auto: { q1: 2 } },
        { candidate: '102', marks: { q2: 10, q3: 8 }, auto: { q1: 0 } },
      ],
      answers: new Map([
        ['101', ['b']],
        ['102', ['a']],
      ]),
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.changes[0]).toMatchObject({
      candidate: '101',
      auto: { from: 2, to: 4 },
      after: { total: 22 },
    });
    // 102's auto score stays 0, but the larger maximum lowers the percentage.
    expect(result.changes[1]).toMatchObject({ candidate: '102', after: { total: 18, grade: 'B' } });
    expect(result.changes[1]?.auto).toBeUndefined();
  });

  it('returns no changes when nothing moves', () => {
    const result = recomputeAfterQuestionChange({
      scale,
      questions,
      change: { questionId: 'q2', weight: 1 },
      sheets: [{ candidate: '101', marks: { q2: 10, q3: 8 }, auto: { q1: 2 } }],
    });
    expect(result).toMatchObject({ ok: true, log: { questionId: 'q2' }, changes: [] });
  });

  it('refuses an unknown question or a maximum or weight that is not positive', () => {
    const base = { scale, questions, sheets: [] };
    expect(recomputeAfterQuestionChange({ ...base, change: { questionId: 'q9', weight: 2 } })).toMatchObject({
      ok: false,
      reason: 'unknownQuestion',
    });
    expect(
      recomputeAfterQuestionChange({ ...base, change: { questionId: 'q2', maxPoints: 0 } }),
    ).toMatchObject({
      ok: false,
      reason: 'badValue',
    });
    expect(
      recomputeAfterQuestionChange({ ...base, change: { questionId: 'q2', weight: Number.NaN } }),
    ).toMatchObject({
      ok: false,
      reason: 'badValue',
    });
  });
});
