import { describe, expect, it } from 'vitest';
import type { Question } from './exam.ts';
import { recomputeAfterKeyCorrection } from './key-correction.ts';

const q1 = (answerKey: string[]): Question => ({
  id: 'q1',
  label: 'Q1',
  maxPoints: 2,
  weight: 1,
  scoring: 'auto',
  answerKey,
});

describe('recomputeAfterKeyCorrection', () => {
  const answers = new Map([
    ['101', ['a']],
    ['102', ['b']],
    ['103', ['b']],
    ['104', []],
  ]);
  // Scored against the wrong key 'a'.
  const before = new Map([
    ['101', 2],
    ['102', 0],
    ['103', 0],
    ['104', 0],
  ]);

  it('R18 recomputes every candidate’s auto score when the key is corrected; overrides stay, shown as overrides', () => {
    const result = recomputeAfterKeyCorrection({
      question: q1(['b']),
      answers,
      auto: before,
      overrides: new Map([['103', 1]]),
    });
    if (!result.ok) throw new Error(result.reason);
    expect([...result.auto]).toEqual([
      ['101', 0],
      ['102', 2],
      ['103', 2],
      ['104', 0],
    ]);
    expect(result.changes).toEqual([
      { candidate: '101', before: 2, after: 0, effective: { points: 0, source: 'auto' } },
      { candidate: '102', before: 0, after: 2, effective: { points: 2, source: 'auto' } },
      { candidate: '103', before: 0, after: 2, effective: { points: 1, source: 'override', autoPoints: 2 } },
    ]);
  });

  it('R18 scores a candidate who had no auto score yet', () => {
    const result = recomputeAfterKeyCorrection({
      question: q1(['b']),
      answers: new Map([['105', ['b']]]),
      auto: new Map(),
      overrides: new Map(),
    });
    expect(result).toMatchObject({ ok: true, changes: [{ candidate: '105', before: undefined, after: 2 }] });
  });

  it('refuses a question that is not auto-scored', () => {
    const manual: Question = { id: 'q3', label: 'Q3', maxPoints: 10, weight: 1, scoring: 'manual' };
    const result = recomputeAfterKeyCorrection({
      question: manual,
      answers,
      auto: before,
      overrides: new Map(),
    });
    expect(result).toMatchObject({ ok: false, reason: 'notAutoScored' });
  });
});
