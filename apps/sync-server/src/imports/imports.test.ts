import { readFileSync } from 'node:fs';
import type { CommissionDoc } from '@cograde/domain';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { type DemoApp, it as demoTest } from '../testing/demo-app.ts';

const fixture = readFileSync(
  new URL('../../../../packages/domain/src/fixtures/grade-import-inf1010.csv', import.meta.url),
);
const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const csv = (text: string) => ({ fileName: 'grades.csv', content: base64(text) });

type Report = {
  importId: string;
  status: string;
  valid: Array<{ row: number; candidate: string; grade: string }>;
  skipped: Array<{ row: number; candidate: string }>;
  invalid: Array<{ row: number; candidate: string; reason: string; message: string }>;
  applied: Array<{ candidate: string; grade: string; previousGrade?: string; undone: boolean }>;
};

/** The import routes, called as the coordinator unless the test names someone else. */
const it = demoTest
  .extend('upload', ({ t, coordinator }) => async (body: unknown, who = coordinator) => {
    const res = await t.post('/api/exams/inf1010/grade-imports', who, body);
    return { status: res.status, body: (await res.json()) as Report };
  })
  .extend('accept', ({ t, coordinator }) => async (importId: string) => {
    const res = await t.post(`/api/exams/inf1010/grade-imports/${importId}/accept`, coordinator);
    return { status: res.status, body: (await res.json()) as Report };
  })
  .extend('undo', ({ t, coordinator }) => (importId: string, body: unknown = {}) => {
    return t.post(`/api/exams/inf1010/grade-imports/${importId}/undo`, coordinator, body);
  });

describe('grade import (R12)', () => {
  const k1 = <T>(t: DemoApp, read: (doc: CommissionDoc) => T) => t.readCommission('K1', read);

  it('R12 reports every invalid row of the fixture with its row number and reason, and changes nothing', async ({
    t,
    upload,
  }) => {
    const before = await k1(t, (d) => ['113', '117', '119'].map((c) => [d.final(c), d.imported(c)]));
    const { status, body } = await upload({ fileName: 'grade-import-inf1010.csv', content: base64(fixture) });
    expect(status).toBe(200);
    expect(body.status).toBe('pending');
    expect(body.valid).toEqual([
      { row: 2, candidate: '113', grade: 'B' },
      { row: 6, candidate: '117', grade: 'A' },
      { row: 10, candidate: '119', grade: 'F' },
    ]);
    expect(body.skipped).toEqual([{ row: 3, candidate: '114' }]);
    expect(body.invalid.map((r) => [r.row, r.candidate, r.reason])).toEqual([
      [4, '115', 'lowercaseLetter'],
      [5, '116', 'passFailOnLetterScale'],
      [7, '999', 'candidateNotInExam'],
      [8, '118', 'duplicateCandidate'],
      [9, '118', 'duplicateCandidate'],
      [11, '120', 'passFailOnLetterScale'],
    ]);
    expect(body.invalid[0]?.message).toBe('Letters must be capitals A–F.');
    expect(await k1(t, (d) => ['113', '117', '119'].map((c) => [d.final(c), d.imported(c)]))).toEqual(before);
    expect((await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'import')).toEqual([]);
  });

  it('R12 R21 accepting applies the valid rows as imported grades that still need confirming, audited', async ({
    t,
    upload,
    accept,
  }) => {
    const { body } = await upload({ fileName: 'grade-import-inf1010.csv', content: base64(fixture) });
    const accepted = await accept(body.importId);
    expect(accepted.status).toBe(200);
    expect(accepted.body.applied.map((a) => [a.candidate, a.grade])).toEqual([
      ['113', 'B'],
      ['117', 'A'],
      ['119', 'F'],
    ]);
    expect(await k1(t, (d) => d.imported('117'))).toMatchObject({
      grade: 'A',
      importId: body.importId,
      row: 6,
    });
    // Not a lock: no final grade until the commission confirms and registers it.
    expect(await k1(t, (d) => [d.final('113'), d.final('114'), d.imported('114')])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect((await accept(body.importId)).body).toMatchObject({ error: 'importNotPending' });

    const e1 = await t.login('examiner1');
    const e2 = await t.login('examiner2');
    const path = (action: string) => `/api/commissions/K1/candidates/117/${action}`;
    expect((await t.post(path('confirm'), e1, { grade: 'A' })).status).toBe(200);
    expect((await t.post(path('confirm'), e2, { grade: 'A' })).status).toBe(200);
    expect(await (await t.post(path('register'), e1)).json()).toEqual({ ok: true, grade: 'A' });
    expect(await k1(t, (d) => d.final('117'))).toMatchObject({ grade: 'A', source: 'import' });

    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'import');
    expect(audit.map((e) => [e.candidate, e.actorId, e.detail.grade, e.detail.row])).toEqual([
      ['113', 'coordinator', 'B', 2],
      ['117', 'coordinator', 'A', 6],
      ['119', 'coordinator', 'F', 10],
    ]);
  });

  it('R12 an imported grade overwrites a registered one, and undo puts the registered grade and its lock back', async ({
    t,
    upload,
    accept,
    undo,
  }) => {
    expect(await k1(t, (d) => d.final('102')?.grade)).toBe('B');
    const { body } = await upload(csv('candidate,grade\n102,D\n103,\n'));
    expect(body.skipped).toEqual([{ row: 3, candidate: '103' }]);
    await accept(body.importId);
    expect(await k1(t, (d) => [d.final('102'), d.imported('102')?.grade, d.final('103')?.grade])).toEqual([
      undefined,
      'D',
      'C',
    ]);
    const res = await undo(body.importId, { candidate: '102' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ undone: ['102'], notUndone: [] });
    expect(await k1(t, (d) => [d.final('102')?.grade, d.imported('102')])).toEqual(['B', undefined]);
    expect((await undo(body.importId, { candidate: '102' })).status).toBe(409);
    const undoAudit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'undoImport');
    expect(undoAudit).toMatchObject([
      { candidate: '102', detail: { grade: 'D', restoredGrade: 'B', relocked: true } },
    ]);
  });

  it('R12 a new upload overwrites the previous upload; undoing it brings the previous upload’s grade back', async ({
    t,
    upload,
    accept,
    undo,
  }) => {
    const first = await upload(csv('candidate,grade\n113,B\n114,C\n'));
    await accept(first.body.importId);
    const second = await upload(csv('candidate,grade\n113,D\n114,\n'));
    await accept(second.body.importId);
    expect(await k1(t, (d) => [d.imported('113')?.grade, d.imported('114')?.grade])).toEqual(['D', 'C']);
    // The first upload's grade for 113 is gone, so it cannot be undone from there.
    expect(await (await undo(first.body.importId, { candidate: '113' })).json()).toMatchObject({
      error: 'importNotApplied',
    });
    expect(await (await undo(second.body.importId)).json()).toEqual({ undone: ['113'], notUndone: [] });
    expect(await k1(t, (d) => d.imported('113')?.grade)).toBe('B');
  });

  it('R12 a pending upload is discarded by a newer one', async ({ upload, accept }) => {
    const first = await upload(csv('candidate,grade\n113,B\n'));
    await upload(csv('candidate,grade\n113,C\n'));
    expect((await accept(first.body.importId)).body).toMatchObject({ error: 'importNotPending' });
  });

  it('R12 reads an .xlsx file the same way, numbers and spaces included', async ({ upload }) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Grades');
    sheet.addRow(['Kandidatnummer', 'Karakter']);
    sheet.addRow([113, 'B']);
    sheet.addRow([114, null]);
    sheet.addRow([115, 'c']);
    sheet.addRow([119, ' F ']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { status, body } = await upload({ fileName: 'grades.xlsx', content: base64(bytes) });
    expect(status).toBe(200);
    expect(body.valid).toEqual([
      { row: 2, candidate: '113', grade: 'B' },
      { row: 5, candidate: '119', grade: 'F' },
    ]);
    expect(body.skipped).toEqual([{ row: 3, candidate: '114' }]);
    expect(body.invalid.map((r) => [r.row, r.reason])).toEqual([[4, 'lowercaseLetter']]);
    const broken = await upload({ fileName: 'grades.xlsx', content: base64('not a zip') });
    expect(broken.status).toBe(422);
    expect(broken.body).toMatchObject({ error: 'unreadableFile' });
  });

  it('R12 R13 a candidate who did not attend cannot get an imported grade', async ({ t, coordinator }) => {
    const res = await t.post(
      '/api/exams/exphil03/grade-imports',
      coordinator,
      csv('candidate,grade\n201,Pass\n205,Pass\n'),
    );
    const body = (await res.json()) as Report;
    expect(body.valid.map((r) => r.candidate)).toEqual(['201']);
    expect(body.invalid).toMatchObject([{ row: 3, candidate: '205', reason: 'notAttended' }]);
  });

  it('R12 only coordinators import', async ({ t, upload }) => {
    for (const user of ['examiner1', 'supervisor']) {
      const res = await upload(csv('candidate,grade\n113,B\n'), await t.login(user));
      expect(res.status).toBe(403);
    }
  });
});
