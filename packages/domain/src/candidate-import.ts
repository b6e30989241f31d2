import type { ImportCell } from './grade-import.ts';
import { candidateNumberSchema } from './ids.ts';
import type { Candidate } from './people.ts';
import type { Reason } from './reasons.ts';

/** One row of a candidate list as read from the file; `row` is the number the spreadsheet shows. */
export type CandidateImportRow = { row: number; number: ImportCell; name: ImportCell; studentId: ImportCell };

export type InvalidCandidateRow = {
  row: number;
  number: string;
  reason: Reason;
  detail?: string;
};

export type CandidateImportCheck = {
  valid: Array<{ row: number; candidate: Candidate }>;
  invalid: InvalidCandidateRow[];
};

const text = (cell: ImportCell): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/** Rows that name the same value, by value, for values on more than one row. */
const repeated = (values: ReadonlyArray<{ row: number; value: string }>) => {
  const rowsOf = new Map<string, number[]>();
  for (const { row, value } of values)
    if (value !== '') rowsOf.set(value, [...(rowsOf.get(value) ?? []), row]);
  return new Map([...rowsOf].filter(([, rows]) => rows.length > 1));
};

/**
 * The pure part of a candidate import: every row valid (number, name, student id) or invalid with its row
 * number and reason. A number or student id on more than one row is invalid on each of them: which row
 * was meant is not for us to guess. Names and student ids stay with the coordinator (R2); the result is
 * only ever shown to them.
 */
export const validateCandidateImport = (rows: readonly CandidateImportRow[]): CandidateImportCheck => {
  const cells = rows.map((r) => ({
    row: r.row,
    number: text(r.number),
    name: text(r.name),
    studentId: text(r.studentId),
  }));
  const sameNumber = repeated(cells.map((c) => ({ row: c.row, value: c.number })));
  const sameStudent = repeated(cells.map((c) => ({ row: c.row, value: c.studentId })));
  const check: CandidateImportCheck = { valid: [], invalid: [] };
  for (const c of cells) {
    const invalid = (reason: Reason, detail?: string) =>
      check.invalid.push({
        row: c.row,
        number: c.number,
        reason,
        ...(detail === undefined ? {} : { detail }),
      });
    if (c.number === '') invalid('missingCandidateNumber');
    else if (!candidateNumberSchema.safeParse(c.number).success) invalid('badCandidateNumber', c.number);
    else if (sameNumber.has(c.number))
      invalid('duplicateCandidate', `rows ${sameNumber.get(c.number)?.join(', ')}`);
    else if (c.name === '' || c.name.length > 200) invalid('missingName');
    else if (c.studentId === '' || c.studentId.length > 40) invalid('missingStudentId');
    else if (sameStudent.has(c.studentId))
      invalid('duplicateStudentId', `rows ${sameStudent.get(c.studentId)?.join(', ')}`);
    else
      check.valid.push({
        row: c.row,
        candidate: { number: c.number, name: c.name, studentId: c.studentId, attended: true },
      });
  }
  return check;
};
