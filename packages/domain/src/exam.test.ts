import { describe, expect, it } from 'vitest';
import { type Exam, examSchema, isRegistrationOnly, questionSchema } from './exam.ts';

const exam = (p: Partial<Exam> = {}): unknown => ({
  id: 'inf1010',
  course: 'INF1010',
  title: 'Object-oriented programming',
  term: '2026autumn',
  date: '2026-11-12',
  kind: 'written',
  status: 'ready',
  questions: [
    { id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'auto', answerKey: ['b'] },
    { id: 'q3', label: 'Q3', maxPoints: 10, scoring: 'manual' },
  ],
  scale: { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } },
  policies: {
    marksMode: 'shared',
    confirmation: 'collaborative',
    alignMarks: false,
    enforceSplit: false,
    secondExaminerSample: 'rule',
    thirdGradingCommission: 'uio',
    cheatingPolicy: 'withhold',
    gradingDeadline: 15,
  },
  ...p,
});

describe('exam schema', () => {
  it('parses the demo exam and gives questions weight 1 by default', () => {
    const parsed = examSchema.parse(exam());
    expect(parsed.questions.map((q) => q.weight)).toEqual([1, 1]);
  });

  it('R18 an auto-scored question needs an answer key', () => {
    expect(questionSchema.safeParse({ id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'auto' }).success).toBe(
      false,
    );
    expect(questionSchema.safeParse({ id: 'q1', label: 'Q1', maxPoints: 0, scoring: 'manual' }).success).toBe(
      false,
    );
  });

  it('refuses duplicate question ids, a malformed term and a malformed date', () => {
    const q = { id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'manual' };
    expect(examSchema.safeParse(exam({ questions: [q, q] as Exam['questions'] })).success).toBe(false);
    expect(examSchema.safeParse(exam({ term: 'autumn2026' })).success).toBe(false);
    expect(examSchema.safeParse(exam({ date: '12.11.2026' })).success).toBe(false);
  });

  it('R13 oral, paper and portfolio exams are registration-only', () => {
    expect(isRegistrationOnly('oral')).toBe(true);
    expect(isRegistrationOnly('paper')).toBe(true);
    expect(isRegistrationOnly('portfolio')).toBe(true);
    expect(isRegistrationOnly('written')).toBe(false);
    expect(isRegistrationOnly('mastersThesis')).toBe(false);
  });
});
