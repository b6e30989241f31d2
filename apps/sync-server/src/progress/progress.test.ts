import { addWorkingDays, docName, progressDoc } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, itOnSharedApp as it } from '../testing/demo-app.ts';

describe('progress document', () => {
  const progress = (t: DemoApp, examId: string) =>
    t.writer.read(docName({ kind: 'progress', examId }), (doc) =>
      Object.fromEntries(
        progressDoc(doc)
          .commissions()
          .map((p) => [p.commissionId, p]),
      ),
    );

  it('R14 counts every commission of the demo towards its deadline', async ({ t }) => {
    const inf = await progress(t, 'inf1010');
    const exam = await t.storage.repo.exams.byId('inf1010');
    expect(inf.K1).toMatchObject({
      total: 20,
      graded: 12,
      confirmed: 6,
      locked: 6,
      online: [],
      overdue: false,
    });
    expect(inf.K1?.deadline).toBe(addWorkingDays(exam?.date ?? '', 15));
    expect(inf.K1?.remainingWorkingDays).toBe(8);
    expect(inf.K2).toMatchObject({ total: 20, graded: 4, confirmed: 0, locked: 0 });
    expect(inf.A1).toMatchObject({ total: 1, graded: 0, locked: 0 });
    expect((await progress(t, 'exphil03')).K3).toMatchObject({ total: 10, graded: 0 });
  });

  it('follows a registration made through a server action', async ({ t }) => {
    const path = (action: string) => `/api/commissions/K1/candidates/109/${action}`;
    await t.post(path('confirm'), await t.login('examiner1'), { grade: 'D' });
    await t.post(path('confirm'), await t.login('examiner2'), { grade: 'D' });
    expect((await t.post(path('register'), await t.login('examiner1'))).status).toBe(200);
    expect((await progress(t, 'inf1010')).K1).toMatchObject({ confirmed: 7, locked: 7 });
  });

  it('R12 counts an accepted imported grade as graded, still waiting for confirmation', async ({ t }) => {
    const before = (await progress(t, 'inf1010')).K2;
    const coordinator = await t.login('coordinator');
    // The last candidate of K2 has no marks in the demo.
    const content = Buffer.from('candidate,grade\n140,C\n').toString('base64');
    const upload = await t.post('/api/exams/inf1010/grade-imports', coordinator, {
      fileName: 'g.csv',
      content,
    });
    const { importId } = (await upload.json()) as { importId: string };
    expect((await t.post(`/api/exams/inf1010/grade-imports/${importId}/accept`, coordinator)).status).toBe(
      200,
    );
    expect((await progress(t, 'inf1010')).K2).toMatchObject({
      graded: (before?.graded ?? 0) + 1,
      confirmed: before?.confirmed,
      locked: before?.locked,
    });
  });
});
