import { describe, expect, it } from 'vitest';
import { defaultPolicies, examSchema, isRegistrationOnly, policiesSchema, questionSchema } from './exam.ts';
import { testExamInput } from './testing/index.ts';

describe('exam schema', () => {
  it('a new exam starts with policies the schema accepts, 15 working days to grade among them', () => {
    expect(policiesSchema.parse(defaultPolicies())).toEqual(defaultPolicies());
    expect(defaultPolicies().gradingDeadline).toBe(15);
  });

  it('parses the demo exam and gives questions weight 1 by default', () => {
    const parsed = examSchema.parse(testExamInput());
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
    const q = { id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'manual' as const };
    expect(examSchema.safeParse(testExamInput({ questions: [q, q] })).success).toBe(false);
    expect(examSchema.safeParse(testExamInput({ term: 'autumn2026' })).success).toBe(false);
    expect(examSchema.safeParse(testExamInput({ date: '12.11.2026' })).success).toBe(false);
  });

  it('R13 oral, paper and portfolio exams are registration-only', () => {
    expect(isRegistrationOnly('oral')).toBe(true);
    expect(isRegistrationOnly('paper')).toBe(true);
    expect(isRegistrationOnly('portfolio')).toBe(true);
    expect(isRegistrationOnly('written')).toBe(false);
    expect(isRegistrationOnly('mastersThesis')).toBe(false);
  });
});
