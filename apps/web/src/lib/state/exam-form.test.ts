import { choicesOf, examSchema } from '@cograde/domain';
import { describe, expect, it } from 'vitest';
import { ExamForm, nextQuestionId, termOf } from './exam-form.svelte.ts';

describe('exam form', () => {
  it('takes the term from the date until the coordinator picks another', () => {
    expect(termOf('2026-11-23')).toBe('2026autumn');
    expect(termOf('2027-06-30')).toBe('2027spring');
    const form = new ExamForm('2026-11-23');
    form.setDate('2027-03-01');
    expect(form.term).toBe('2027spring');
    form.term = '2026autumn';
    form.setDate('2027-04-01');
    expect(form.term).toBe('2026autumn');
  });

  it('numbers new questions after the highest id and reads answer keys', () => {
    expect(nextQuestionId([{ id: 'q1' }, { id: 'q7' }, { id: 'intro' }])).toBe('q8');
    expect(choicesOf(' A, C;D ')).toEqual(['A', 'C', 'D']);
  });

  it('R18 gives the server an exam the domain accepts, with an answer key only on auto questions', () => {
    const form = new ExamForm('2026-11-23');
    form.course = 'INF2220';
    form.title = 'Algorithms';
    form.addQuestion();
    form.addQuestion();
    const second = form.questions[1];
    if (second === undefined) throw new Error('two questions');
    second.scoring = 'auto';
    second.answerKey = 'B';
    form.moveQuestion(1, -1);
    const input = form.toInput();
    expect(input.questions.map((q) => [q.id, q.scoring, q.answerKey])).toEqual([
      ['q2', 'auto', ['B']],
      ['q1', 'manual', undefined],
    ]);
    expect(examSchema.safeParse({ ...input, id: 'x', status: 'draft' }).success).toBe(true);
  });
});
