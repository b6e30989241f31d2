import { describe, expect, it } from 'vitest';
import { parseAnswers, pdfUrlOf } from './answers.svelte.ts';

describe('answers from the API', () => {
  it('keeps text per question and points PDF answers at the API', () => {
    const answers = parseAnswers(
      {
        examId: 'inf1010',
        candidate: '101',
        answers: [
          { questionId: 'q3', label: 'Q3', text: 'Encapsulation hides state.', hasPdf: false },
          { questionId: 'q8', label: 'Q8', text: '', hasPdf: true },
        ],
      },
      (q) => pdfUrlOf('inf1010', '101', q),
    );
    expect(answers).toEqual({
      q3: { text: 'Encapsulation hides state.' },
      q8: { pdfUrl: '/api/exams/inf1010/answers/101/q8/pdf' },
    });
  });

  it('reads a body of the wrong shape as no answers', () => {
    expect(parseAnswers({ answers: 'nope' }, () => '')).toEqual({});
    expect(parseAnswers(null, () => '')).toEqual({});
  });
});
