import { describe, expect, it } from 'vitest';
import {
  auditQuery,
  candidateList,
  detailText,
  exportUrl,
  fileNameOf,
  formatOf,
  gradesFromCounts,
  stepGapRows,
  toBase64,
  worklistCount,
} from './exam-admin.svelte.ts';

describe('exam administration', () => {
  it('R15 R11 reads the missing and withheld candidates from the export headers', () => {
    expect(candidateList('107,108, 109')).toEqual(['107', '108', '109']);
    expect(candidateList('')).toEqual([]);
    expect(candidateList(null)).toEqual([]);
    expect(exportUrl('inf1010', 'csv', true)).toBe('/api/exams/inf1010/export.csv?partial=1');
    expect(exportUrl('inf1010', 'xlsx', false)).toBe('/api/exams/inf1010/export.xlsx');
    expect(fileNameOf('attachment; filename="inf1010-grades-partial.csv"', 'x.csv')).toBe(
      'inf1010-grades-partial.csv',
    );
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });

  it('R21 sends only the audit filters that are set', () => {
    expect(auditQuery({ action: '', candidate: '', commissionId: '' })).toBe('');
    expect(auditQuery({ action: 'flag', candidate: ' 110 ', commissionId: '' })).toBe(
      '?action=flag&candidate=110',
    );
    expect(detailText({ reason: 'late', grade: 'B', empty: '', n: 2 })).toBe('reason: late; grade: B; n: 2');
  });

  it('R12 sends the file as base64 and tells the format by its extension', () => {
    const bytes = new TextEncoder().encode('candidate,grade\n113,B\n');
    expect(atob(toBase64(bytes))).toBe('candidate,grade\n113,B\n');
    const large = new Uint8Array(100_000).fill(65);
    expect(toBase64(large).length).toBe(Math.ceil(100_000 / 3) * 4);
    expect(formatOf('Grades.XLSX')).toBe('xlsx');
    expect(formatOf('grades.csv')).toBe('csv');
    expect(formatOf('grades.txt')).toBeNull();
  });

  it('R19 rebuilds the grades from a distribution for the terms and lists the appeal gaps', () => {
    expect(
      gradesFromCounts([
        { grade: 'A', count: 2 },
        { grade: 'F', count: 1 },
        { grade: 'Z', count: 3 },
      ]),
    ).toEqual(['A', 'A', 'F']);
    expect(stepGapRows([2, 0, 1])).toEqual([
      { steps: 0, count: 2 },
      { steps: 2, count: 1 },
    ]);
  });

  it('R16 R11 counts every worklist item', () => {
    expect(
      worklistCount({
        examId: 'x',
        disqualifications: [{ commissionId: 'K1', candidate: '113', userId: 'examiner1' }],
        cheatingFlags: [{ commissionId: 'K1', candidate: '110', flaggedBy: 'examiner2', flaggedAt: 'x' }],
        reopenRequests: [],
        disagreements: [],
        importedAwaiting: [{ commissionId: 'K1', candidate: '114', grade: 'B', importId: 'i' }],
      }),
    ).toBe(3);
  });
});
