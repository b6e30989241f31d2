import { describe, expect } from 'vitest';
import { it, candidateAction as path } from '../testing/demo-app.ts';

type Worklist = {
  disqualifications: Array<{ commissionId: string; candidate: string; userId: string; reason?: string }>;
  cheatingFlags: Array<{ candidate: string; flaggedBy: string; reason?: string }>;
  reopenRequests: Array<{ candidate: string; requestedBy: string; reason: string }>;
  disagreements: Array<{ candidate: string; needsExtraExaminer: boolean }>;
  importedAwaiting: Array<{ candidate: string; grade: string }>;
};

describe('coordinator worklist', () => {
  it('R16 R11 R6 lists disqualifications, cheating flags and reopen requests until they are dealt with', async ({
    t,
  }) => {
    const coordinator = await t.login('coordinator');
    const e1 = await t.login('examiner1');
    const e2 = await t.login('examiner2');
    await t.post(path('K1', '113', 'disqualify'), e1, { reason: 'related to the candidate' });
    await t.post(path('K1', '102', 'request-reopen'), e2, { reason: 'Q5 was not counted' });
    await t.post(path('K1', '108', 'confirm'), e1, { grade: 'B' });
    await t.post(path('K1', '108', 'confirm'), e2, { grade: 'C' });

    const list = await t.getJson<Worklist>('/api/exams/inf1010/worklist', coordinator);
    expect(list.disqualifications).toEqual([
      {
        commissionId: 'K1',
        candidate: '113',
        userId: 'examiner1',
        at: expect.any(String),
        reason: 'related to the candidate',
      },
    ]);
    expect(list.cheatingFlags).toMatchObject([{ candidate: '110', flaggedBy: 'examiner2' }]);
    expect(list.reopenRequests).toMatchObject([
      { candidate: '102', requestedBy: 'examiner2', reason: 'Q5 was not counted' },
    ]);
    expect(list.disagreements).toMatchObject([{ candidate: '108', needsExtraExaminer: false }]);

    await t.post(path('K1', '110', 'resolve-flag'), coordinator, { reason: 'cleared' });
    await t.post(path('K1', '102', 'reopen'), coordinator, { reason: 'Q5 was not counted' });
    const after = await t.getJson<Worklist>('/api/exams/inf1010/worklist', coordinator);
    expect(after.cheatingFlags).toEqual([]);
    expect(after.reopenRequests).toEqual([]);
  });

  it('R12 lists imported grades still to be confirmed', async ({ t }) => {
    const coordinator = await t.login('coordinator');
    const upload = await t.post('/api/exams/inf1010/grade-imports', coordinator, {
      fileName: 'g.csv',
      content: Buffer.from('candidate,grade\n113,B\n').toString('base64'),
    });
    const { importId } = (await upload.json()) as { importId: string };
    await t.post(`/api/exams/inf1010/grade-imports/${importId}/accept`, coordinator);
    const list = await t.getJson<Worklist>('/api/exams/inf1010/worklist', coordinator);
    expect(list.importedAwaiting).toMatchObject([{ candidate: '113', grade: 'B' }]);
  });

  it('R2 the worklist is for coordinators alone', async ({ t }) => {
    for (const user of ['examiner1', 'supervisor']) {
      expect((await t.get('/api/exams/inf1010/worklist', await t.login(user))).status).toBe(403);
    }
  });
});
