/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ImportRow, validateGradeImport } from './grade-import.ts';
import type { LetterScale, PassFailScale } from './scale.ts';

const letter: LetterScale = { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } };
const passFail: PassFailScale = { kind: 'passFail', passAt: 40 };
/** INF1010 in the demo: candidates 101–140. */
const inf1010 = Array.from({ length: 40 }, (_, i) => String(101 + i));

/** The file as a spreadsheet shows it: the header is row 1, so the first data line is row 2. */
const readCsv = (name: string): ImportRow[] => {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  const [, ...lines] = text.split(/\r?\n/);
  return lines
    .map((line, i) => ({ line, row: i + 2 }))
    .filter(({ line }) => line !== '')
    .map(({ line, row }) => {
      const [candidate = '', grade = ''] = line.split(',');
      return { row, candidate, grade };
    });
};

describe('validateGradeImport', () => {
  it('R12 reproduces the expectations of grade-import-inf1010.csv', () => {
    const check = validateGradeImport(readCsv('grade-import-inf1010.csv'), {
      scale: letter,
      candidates: inf1010,
    });
    expect(check.valid).toEqual([
      { row: 2, candidate: '113', grade: 'B' },
      { row: 6, candidate: '117', grade: 'A' },
      { row: 10, candidate: '119', grade: 'F' },
    ]);
    expect(check.skipped).toEqual([{ row: 3, candidate: '114' }]);
    expect(check.invalid.map(({ row, reason }) => ({ row, reason }))).toEqual([
      { row: 4, reason: 'lowercaseLetter' },
      { row: 5, reason: 'passFailOnLetterScale' },
      { row: 7, reason: 'candidateNotInExam' },
      { row: 8, reason: 'duplicateCandidate' },
      { row: 9, reason: 'duplicateCandidate' },
      { row: 11, reason: 'passFailOnLetterScale' },
    ]);
    expect(check.invalid.find((r) => r.row === 8)?.detail).toBe('rows 8, 9');
    expect(check.needsAcceptance).toBe(true);
  });

  it('R12 trims spaces around both cells', () => {
    const check = validateGradeImport([{ row: 2, candidate: ' 101 ', grade: '\tC ' }], {
      scale: letter,
      candidates: inf1010,
    });
    expect(check).toEqual({
      valid: [{ row: 2, candidate: '101', grade: 'C' }],
      skipped: [],
      invalid: [],
      needsAcceptance: false,
    });
  });

  it('R12 takes candidate numbers that the spreadsheet reader gives as numbers', () => {
    const check = validateGradeImport([{ row: 2, candidate: 101, grade: 'A' }], {
      scale: letter,
      candidates: inf1010,
    });
    expect(check.valid).toEqual([{ row: 2, candidate: '101', grade: 'A' }]);
  });

  it('R12 an empty grade cell overwrites nothing, and a fully empty row is skipped too', () => {
    const check = validateGradeImport(
      [
        { row: 2, candidate: '101', grade: null },
        { row: 3, candidate: undefined, grade: '   ' },
      ],
      { scale: letter, candidates: inf1010 },
    );
    expect(check.skipped).toEqual([
      { row: 2, candidate: '101' },
      { row: 3, candidate: '' },
    ]);
    expect(check.needsAcceptance).toBe(false);
  });

  it('R12 a grade without a candidate number is invalid', () => {
    const check = validateGradeImport([{ row: 4, candidate: '', grade: 'B' }], {
      scale: letter,
      candidates: inf1010,
    });
    expect(check.invalid).toEqual([{ row: 4, candidate: '', grade: 'B', reason: 'missingCandidateNumber' }]);
  });

  it('R12 pass/fail exams take Pass and NotPass only, in that spelling', () => {
    const rows: ImportRow[] = [
      { row: 2, candidate: '101', grade: 'Pass' },
      { row: 3, candidate: '102', grade: 'NotPass' },
      { row: 4, candidate: '103', grade: 'A' },
      { row: 5, candidate: '104', grade: 'pass' },
    ];
    const check = validateGradeImport(rows, { scale: passFail, candidates: inf1010 });
    expect(check.valid.map((r) => r.grade)).toEqual(['Pass', 'NotPass']);
    expect(check.invalid.map(({ row, reason }) => ({ row, reason }))).toEqual([
      { row: 4, reason: 'gradeNotOnScale' },
      { row: 5, reason: 'gradeNotOnScale' },
    ]);
  });

  it('R12 anything else on a letter scale is not on the scale', () => {
    const check = validateGradeImport([{ row: 2, candidate: '101', grade: 'G' }], {
      scale: letter,
      candidates: inf1010,
    });
    expect(check.invalid).toEqual([
      { row: 2, candidate: '101', grade: 'G', reason: 'gradeNotOnScale', detail: 'G' },
    ]);
  });

  it('R12 a candidate named twice is invalid on both rows even if one grade is bad; an empty duplicate does not count', () => {
    const check = validateGradeImport(
      [
        { row: 2, candidate: '101', grade: 'e' },
        { row: 3, candidate: '101', grade: 'D' },
        { row: 4, candidate: '102', grade: 'B' },
        { row: 5, candidate: '102', grade: '' },
      ],
      { scale: letter, candidates: inf1010 },
    );
    expect(check.invalid.map((r) => [r.row, r.reason])).toEqual([
      [2, 'duplicateCandidate'],
      [3, 'duplicateCandidate'],
    ]);
    expect(check.valid).toEqual([{ row: 4, candidate: '102', grade: 'B' }]);
    expect(check.skipped).toEqual([{ row: 5, candidate: '102' }]);
  });
});
