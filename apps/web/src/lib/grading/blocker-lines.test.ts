import { describe, expect, it } from 'vitest';
import { blockerLines } from './blocker-lines.ts';

const questions = [
  { id: 'q3', label: 'Q3 Encapsulation' },
  { id: 'q5', label: 'Q5 Recursion' },
];
const names: Record<string, string> = { examiner1: 'Ola Hansen', examiner2: 'Ingrid Berg' };
const lines = (blockers: Parameters<typeof blockerLines>[0]) =>
  blockerLines(
    blockers,
    questions,
    (id) => names[id] ?? id,
    (g) => `grade ${g}`,
  );
const none = { cheatingHold: false, unconfirmed: [], disagreeing: [], differingQuestions: [] };

describe('blockerLines', () => {
  it('R5 names the questions whose points differ, by their labels', () => {
    expect(lines({ ...none, differingQuestions: ['q5', 'q3'] })).toEqual([
      { key: 'decision.blocker.questions', values: { questions: 'Q5 Recursion, Q3 Encapsulation' } },
    ]);
  });

  it('R5 names who has not confirmed and whose confirmed grades disagree', () => {
    expect(
      lines({
        ...none,
        unconfirmed: ['examiner2'],
        disagreeing: [
          { userId: 'examiner1', grade: 'C' },
          { userId: 'examiner3', grade: 'D' },
        ],
      }),
    ).toEqual([
      { key: 'decision.blocker.grades', values: { grades: 'Ola Hansen: grade C, examiner3: grade D' } },
      { key: 'decision.waiting', values: { names: 'Ingrid Berg' } },
    ]);
  });

  it('R11 puts a cheating hold first and says nothing when nothing blocks', () => {
    expect(lines({ ...none, cheatingHold: true, unconfirmed: ['examiner1'] }).map((l) => l.key)).toEqual([
      'decision.blocker.hold',
      'decision.waiting',
    ]);
    expect(lines(none)).toEqual([]);
  });
});
