import type { CandidateNumber } from './ids.ts';
import type { Reason } from './reasons.ts';
import { type Grade, isGradeOnScale, letterGrades, passFailGrades, type Scale } from './scale.ts';

/** A cell as a spreadsheet reader hands it over: text, a number (candidate numbers often are), or empty. */
export type ImportCell = string | number | null | undefined;

/** One row of the file; `row` is the number the spreadsheet shows (the header is row 1). */
export type ImportRow = { row: number; candidate: ImportCell; grade: ImportCell };

export type ValidImportRow = { row: number; candidate: CandidateNumber; grade: Grade };
export type SkippedImportRow = { row: number; candidate: string };
export type InvalidImportRow = {
  row: number;
  candidate: string;
  grade: string;
  reason: Reason;
  detail?: string;
};

export type GradeImportCheck = {
  valid: ValidImportRow[];
  /** An empty grade cell overwrites nothing. */
  skipped: SkippedImportRow[];
  invalid: InvalidImportRow[];
  /** R12: with any invalid row nothing changes until the user accepts the valid rows. */
  needsAcceptance: boolean;
};

const cellText = (cell: ImportCell): string =>
  cell === null || cell === undefined ? '' : String(cell).trim();

const gradeProblem = (scale: Scale, grade: string): Reason | null => {
  if (isGradeOnScale(scale, grade)) return null;
  if (scale.kind === 'letter') {
    if ((passFailGrades as readonly string[]).includes(grade)) return 'passFailOnLetterScale';
    if ((letterGrades as readonly string[]).includes(grade.toUpperCase())) return 'lowercaseLetter';
  }
  return 'gradeNotOnScale';
};

/**
 * R12, the pure part: sorts the rows of a grade import into valid, skipped (empty grade) and invalid, each
 * invalid row with its row number and reason. Spaces around a cell are trimmed; letters must be capitals
 * A–F, Pass/NotPass belong to pass/fail exams; a candidate not in the exam, or named on more than one row
 * with a grade, is invalid on every such row: which of the two grades was meant is not for us to guess.
 */
export const validateGradeImport = (
  rows: readonly ImportRow[],
  exam: { scale: Scale; candidates: Iterable<CandidateNumber> },
): GradeImportCheck => {
  const known = new Set(exam.candidates);
  const cells = rows.map((r) => ({ row: r.row, candidate: cellText(r.candidate), grade: cellText(r.grade) }));
  const rowsOf = new Map<string, number[]>();
  for (const c of cells) {
    if (c.grade !== '' && c.candidate !== '')
      rowsOf.set(c.candidate, [...(rowsOf.get(c.candidate) ?? []), c.row]);
  }

  const result: GradeImportCheck = { valid: [], skipped: [], invalid: [], needsAcceptance: false };
  for (const c of cells) {
    if (c.grade === '') {
      result.skipped.push({ row: c.row, candidate: c.candidate });
      continue;
    }
    const invalid = (reason: Reason, detail?: string) =>
      result.invalid.push(detail === undefined ? { ...c, reason } : { ...c, reason, detail });
    const sameCandidate = rowsOf.get(c.candidate) ?? [];
    const problem = gradeProblem(exam.scale, c.grade);
    if (c.candidate === '') invalid('missingCandidateNumber');
    else if (!known.has(c.candidate)) invalid('candidateNotInExam', `candidate ${c.candidate}`);
    else if (sameCandidate.length > 1) invalid('duplicateCandidate', `rows ${sameCandidate.join(', ')}`);
    else if (problem !== null) invalid(problem, c.grade);
    else result.valid.push({ row: c.row, candidate: c.candidate, grade: c.grade as Grade });
  }
  result.needsAcceptance = result.invalid.length > 0;
  return result;
};
