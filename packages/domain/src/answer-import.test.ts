import { describe, expect, it } from 'vitest';
import { answerPdfTarget, validateAnswerImport } from './answer-import.ts';

const exam = {
  questions: [
    { id: 'q1', label: 'Q1 Loops' },
    { id: 'q2', label: 'Q2 Classes' },
  ],
  candidates: ['101', '102'],
};

describe('validateAnswerImport', () => {
  it('takes a question by id or label and reports unknown candidates and questions by row', () => {
    const check = validateAnswerImport(
      [
        { row: 2, candidate: 101, question: 'q1', text: 'for (;;) {}' },
        { row: 3, candidate: '102', question: 'q2 classes', text: 'class A {}' },
        { row: 4, candidate: '999', question: 'q1', text: 'x' },
        { row: 5, candidate: '101', question: 'q9', text: 'x' },
        { row: 6, candidate: '102', question: 'q1', text: '   ' },
        { row: 7, candidate: '', question: 'q1', text: 'x' },
      ],
      exam,
    );
    expect(check.valid).toEqual([
      { row: 2, candidate: '101', questionId: 'q1', text: 'for (;;) {}' },
      { row: 3, candidate: '102', questionId: 'q2', text: 'class A {}' },
    ]);
    expect(check.invalid.map((r) => [r.row, r.reason])).toEqual([
      [4, 'candidateNotInExam'],
      [5, 'unknownQuestion'],
      [6, 'emptyAnswer'],
      [7, 'missingCandidateNumber'],
    ]);
  });

  it('two answers to the same question from the same candidate are both invalid', () => {
    const check = validateAnswerImport(
      [
        { row: 2, candidate: '101', question: 'q1', text: 'a' },
        { row: 3, candidate: '101', question: 'Q1 Loops', text: 'b' },
      ],
      exam,
    );
    expect(check.valid).toEqual([]);
    expect(check.invalid.map((r) => r.reason)).toEqual(['duplicateAnswer', 'duplicateAnswer']);
  });
});

describe('answerPdfTarget', () => {
  it('reads candidate and question from the file name', () => {
    expect(answerPdfTarget('101-q3.pdf')).toEqual({ candidate: '101', questionId: 'q3' });
    expect(answerPdfTarget('scans/102_q8.PDF')).toEqual({ candidate: '102', questionId: 'q8' });
    expect(answerPdfTarget('answer.pdf')).toBeNull();
    expect(answerPdfTarget('101-q3.docx')).toBeNull();
  });
});
