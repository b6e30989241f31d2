import { describe, expect, it } from 'vitest';
import { countingFinal, type ExportCandidate, gradeExport } from './grade-export.ts';

const final = (grade: 'A' | 'B' | 'C' | 'D') => ({
  grade,
  registeredBy: 'e1',
  registeredAt: '2026-11-20T10:00:00.000Z',
  source: 'commission' as const,
});
const c = (candidate: string, more: Partial<ExportCandidate> = {}): ExportCandidate => ({
  candidate,
  studentId: `s${candidate}`,
  attended: true,
  final: undefined,
  held: false,
  ...more,
});

describe('gradeExport', () => {
  it('R15 carries final grades only, by candidate number', () => {
    const got = gradeExport([c('102', { final: final('B') }), c('101', { final: final('A') })], false);
    expect(got).toEqual({
      ok: true,
      rows: [
        { candidate: '101', studentId: 's101', grade: 'A' },
        { candidate: '102', studentId: 's102', grade: 'B' },
      ],
      missing: [],
      withheld: [],
    });
  });

  it('R15 refuses a full export while a candidate has no registered grade, a partial one names them', () => {
    const list = [c('101', { final: final('A') }), c('102')];
    expect(gradeExport(list, false)).toMatchObject({ ok: false, reason: 'exportIncomplete', detail: '102' });
    expect(gradeExport(list, true)).toMatchObject({ ok: true, missing: ['102'] });
  });

  it('R11 leaves a held result out of the file, registered or not', () => {
    const got = gradeExport([c('101', { final: final('A'), held: true }), c('102', { held: true })], false);
    expect(got).toMatchObject({ ok: true, rows: [], missing: [], withheld: ['101', '102'] });
  });

  it('R13 has nothing to export for a candidate who did not attend', () => {
    expect(gradeExport([c('201', { attended: false })], false)).toMatchObject({
      ok: true,
      rows: [],
      missing: [],
    });
  });

  it('R10 the appeal grade counts unless it waits for a third grading; a third grading’s grade always counts', () => {
    expect(countingFinal({ ordinary: final('C') })?.grade).toBe('C');
    expect(countingFinal({ ordinary: final('C'), appeal: final('B') })?.grade).toBe('B');
    expect(countingFinal({ ordinary: final('C'), appeal: final('A') })).toBeUndefined();
    expect(countingFinal({ ordinary: final('C'), appeal: final('A'), third: final('B') })?.grade).toBe('B');
  });
});
