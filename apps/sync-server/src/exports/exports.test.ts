import { candidateKey, docName, rootMap } from '@cograde/domain';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { type DemoApp, it, candidateAction as path } from '../testing/demo-app.ts';

describe('results export (R15, R11)', () => {
  const studentIdOf = async (t: DemoApp, examId: string, candidate: string) =>
    (await t.storage.repo.exams.candidates(examId)).find((c) => c.number === candidate)?.studentId;

  it('R15 refuses a full export while candidates lack a registered grade, naming them', async ({
    t,
    coordinator,
  }) => {
    const res = await t.get('/api/exams/inf1010/export.csv', coordinator);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string; detail: string };
    expect(body.error).toBe('exportIncomplete');
    expect(body.detail.split(', ')).toContain('107');
    expect(body.detail.split(', ')).not.toContain('101');
  });

  it('R15 R11 a partial export carries final grades only; the held candidate is left out without a word', async ({
    t,
    coordinator,
  }) => {
    // Under `withhold` grading goes on: 110 is registered, and still stays out of the export.
    await t.post(path('K1', '110', 'confirm'), await t.login('examiner1'), { grade: 'C' });
    await t.post(path('K1', '110', 'confirm'), await t.login('examiner2'), { grade: 'C' });
    expect((await t.post(path('K1', '110', 'register'), await t.login('examiner1'))).status).toBe(200);

    const res = await t.get('/api/exams/inf1010/export.csv?partial=1', coordinator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('candidate,studentId,grade');
    expect(lines.slice(1)).toEqual(
      await Promise.all(
        [
          ['101', 'A'],
          ['102', 'B'],
          ['103', 'C'],
          ['104', 'D'],
          ['105', 'E'],
          ['106', 'F'],
        ].map(async ([c, g]) => `${c},${await studentIdOf(t, 'inf1010', c as string)},${g}`),
      ),
    );
    expect(res.headers.get('cograde-withheld')).toBe('110');
    const missing = res.headers.get('cograde-missing')?.split(',') ?? [];
    expect(missing).toContain('107');
    expect(missing).not.toContain('110');
    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'export');
    expect(audit).toMatchObject([
      { actorId: 'coordinator', detail: { format: 'csv', partial: true, rows: 6 } },
    ]);
  });

  it('R15 R13 a complete export as .xlsx: every attendee registered, the absent left out', async ({
    t,
    coordinator,
  }) => {
    await t.writer.transact(docName({ kind: 'commission', commissionId: 'K3' }), (raw) => {
      const finals = rootMap(raw, 'commission', 'finals');
      for (let n = 201; n <= 212; n++) {
        if (n === 205 || n === 211) continue;
        finals.set(candidateKey(String(n)), {
          grade: n % 4 === 0 ? 'NotPass' : 'Pass',
          registeredBy: 'examiner1',
          registeredAt: '2026-11-23T10:00:00.000Z',
          source: 'commission',
        });
      }
    });
    const res = await t.get('/api/exams/exphil03/export.xlsx', coordinator);
    expect(res.status).toBe(200);
    expect(res.headers.get('cograde-missing')).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['candidate', 'studentId', 'grade']);
    expect(rows.length).toBe(11);
    expect(rows.map((r) => r[0])).not.toContain('205');
    expect(rows[1]).toEqual(['201', await studentIdOf(t, 'exphil03', '201'), 'Pass']);
  });

  it('R15 only coordinators export', async ({ t, coordinator }) => {
    for (const user of ['examiner1', 'supervisor']) {
      expect((await t.get('/api/exams/inf1010/export.csv?partial=1', await t.login(user))).status).toBe(403);
    }
    expect((await t.get('/api/exams/nope/export.csv?partial=1', coordinator)).status).toBe(403);
  });
});
