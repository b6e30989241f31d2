import type { ImportCell } from './grade-import.ts';
import type { CandidateNumber, QuestionId } from './ids.ts';
import type { Reason } from './reasons.ts';

/** One row of an answers file: the candidate, the question (id or label) and the answer text. */
export type AnswerImportRow = { row: number; candidate: ImportCell; question: ImportCell; text: ImportCell };

export type ValidAnswerRow = {
  row: number;
  candidate: CandidateNumber;
  questionId: QuestionId;
  text: string;
};
export type InvalidAnswerRow = {
  row: number;
  candidate: string;
  question: string;
  reason: Reason;
  detail?: string;
};
export type AnswerImportCheck = { valid: ValidAnswerRow[]; invalid: InvalidAnswerRow[] };

const text = (cell: ImportCell): string => (cell === null || cell === undefined ? '' : String(cell).trim());

const maxAnswerChars = 200_000;

/**
 * The pure part of an answers import: each row's candidate must be registered for the exam and its
 * question must be one of the exam's (by id, or by the label a coordinator sees); one answer per
 * candidate and question.
 */
export const validateAnswerImport = (
  rows: readonly AnswerImportRow[],
  exam: {
    questions: ReadonlyArray<{ id: QuestionId; label: string }>;
    candidates: Iterable<CandidateNumber>;
  },
): AnswerImportCheck => {
  const known = new Set(exam.candidates);
  const questionOf = (cell: string) =>
    exam.questions.find((q) => q.id === cell) ??
    exam.questions.find((q) => q.label.toLowerCase() === cell.toLowerCase());
  const cells = rows.map((r) => ({
    row: r.row,
    candidate: text(r.candidate),
    question: text(r.question),
    text: r.text === null || r.text === undefined ? '' : String(r.text),
  }));
  const rowsOf = new Map<string, number[]>();
  for (const c of cells) {
    const q = questionOf(c.question);
    if (q !== undefined)
      rowsOf.set(`${c.candidate}:${q.id}`, [...(rowsOf.get(`${c.candidate}:${q.id}`) ?? []), c.row]);
  }
  const check: AnswerImportCheck = { valid: [], invalid: [] };
  for (const c of cells) {
    const invalid = (reason: Reason, detail?: string) =>
      check.invalid.push({
        row: c.row,
        candidate: c.candidate,
        question: c.question,
        reason,
        ...(detail === undefined ? {} : { detail }),
      });
    const q = questionOf(c.question);
    const same = q === undefined ? [] : (rowsOf.get(`${c.candidate}:${q.id}`) ?? []);
    if (c.candidate === '') invalid('missingCandidateNumber');
    else if (!known.has(c.candidate)) invalid('candidateNotInExam', `candidate ${c.candidate}`);
    else if (q === undefined) invalid('unknownQuestion', c.question);
    else if (same.length > 1) invalid('duplicateAnswer', `rows ${same.join(', ')}`);
    else if (c.text.trim() === '' || c.text.length > maxAnswerChars) invalid('emptyAnswer');
    else check.valid.push({ row: c.row, candidate: c.candidate, questionId: q.id, text: c.text });
  }
  return check;
};

/**
 * Which answer a PDF belongs to, from its file name: `<candidate>-<question>.pdf` (or `_`), e.g.
 * `101-q3.pdf`. `null` when the name does not say.
 */
export const answerPdfTarget = (
  fileName: string,
): { candidate: CandidateNumber; questionId: QuestionId } | null => {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const match = /^([0-9]{1,10})[-_]([A-Za-z0-9_-]{1,64})\.pdf$/i.exec(base);
  return match?.[1] === undefined || match[2] === undefined
    ? null
    : { candidate: match[1], questionId: match[2] };
};
