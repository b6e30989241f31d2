import { describe, expect, it } from 'vitest';
import { validateCandidateImport } from './candidate-import.ts';

describe('validateCandidateImport', () => {
  it('R2 keeps name and student id of valid rows and reports every invalid row with its number and reason', () => {
    const check = validateCandidateImport([
      { row: 2, number: 301, name: 'Kari Nordmann', studentId: 's300001' },
      { row: 3, number: '30x', name: 'Per Hansen', studentId: 's300002' },
      { row: 4, number: '', name: 'Nils', studentId: 's300003' },
      { row: 5, number: '304', name: '', studentId: 's300004' },
      { row: 6, number: '305', name: 'Siri', studentId: null },
      { row: 7, number: ' 306 ', name: ' Anne Lie ', studentId: 's300006' },
    ]);
    expect(check.valid).toEqual([
      { row: 2, candidate: { number: '301', name: 'Kari Nordmann', studentId: 's300001', attended: true } },
      { row: 7, candidate: { number: '306', name: 'Anne Lie', studentId: 's300006', attended: true } },
    ]);
    expect(check.invalid.map((r) => [r.row, r.reason])).toEqual([
      [3, 'badCandidateNumber'],
      [4, 'missingCandidateNumber'],
      [5, 'missingName'],
      [6, 'missingStudentId'],
    ]);
  });

  it('a candidate number or student id on two rows is invalid on both', () => {
    const check = validateCandidateImport([
      { row: 2, number: '401', name: 'A', studentId: 's1' },
      { row: 3, number: '401', name: 'B', studentId: 's2' },
      { row: 4, number: '403', name: 'C', studentId: 's3' },
      { row: 5, number: '404', name: 'D', studentId: 's3' },
      { row: 6, number: '405', name: 'E', studentId: 's5' },
    ]);
    expect(check.valid.map((r) => r.candidate.number)).toEqual(['405']);
    expect(check.invalid).toEqual([
      { row: 2, number: '401', reason: 'duplicateCandidate', detail: 'rows 2, 3' },
      { row: 3, number: '401', reason: 'duplicateCandidate', detail: 'rows 2, 3' },
      { row: 4, number: '403', reason: 'duplicateStudentId', detail: 'rows 4, 5' },
      { row: 5, number: '404', reason: 'duplicateStudentId', detail: 'rows 4, 5' },
    ]);
  });
});
