import { describe, expect } from 'vitest';
import { type DemoApp, it } from '../testing/demo-app.ts';

describe('re-grading commission ids', () => {
  /** A commission already at an id the appeal flow derives (e.g. formed under an older naming scheme). */
  const squat = (t: DemoApp, id: string) =>
    t.storage.repo.commissions.put({
      id,
      examId: 'inf1010',
      name: 'Squatter',
      purpose: 'ordinary',
      members: [
        { userId: 'examiner3', displayName: 'E3', affiliation: 'internal', firstTime: false, extra: false },
      ],
      candidates: [],
      split: {},
    });

  it('R9: registering an appeal refuses an appeal commission id that exists, and writes nothing', async ({
    t,
    coordinator,
  }) => {
    await squat(t, 'inf1010-A-104');
    const res = await t.post('/api/exams/inf1010/appeals', coordinator, {
      candidate: '104',
      reasons: 'Q2 deserves more.',
      members: [
        { userId: 'appeal1', affiliation: 'external' },
        { userId: 'appeal2', affiliation: 'internal' },
      ],
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'commissionExists' });
    expect(await t.storage.repo.commissions.byId('inf1010-A-104')).toMatchObject({
      purpose: 'ordinary',
      name: 'Squatter',
    });
    expect((await t.storage.repo.appeals.ofExam('inf1010')).map((a) => a.candidate)).toEqual(['103']);
    const doc = await t.writer.read('commission:inf1010-A-104', (d) => ({
      info: d.getMap('info').get('commission'),
      candidates: d.getMap('candidates').size,
    }));
    expect(doc).toEqual({ info: undefined, candidates: 0 });
  });

  it('R10: a third grading whose id exists is not formed over it; the refusal is logged', async ({ t }) => {
    await squat(t, 'inf1010-T-103');
    for (const user of ['appeal1', 'appeal2']) {
      const res = await t.post('/api/commissions/A1/candidates/103/confirm', await t.login(user), {
        grade: 'A',
      });
      expect(res.status).toBe(200);
    }
    expect(
      (await t.post('/api/commissions/A1/candidates/103/register', await t.login('appeal1'))).status,
    ).toBe(200);
    expect(await t.storage.repo.appeals.byId('appeal-103')).toMatchObject({ status: 'thirdGrading' });
    expect((await t.storage.repo.appeals.byId('appeal-103'))?.thirdCommissionId).toBeUndefined();
    expect(await t.storage.repo.commissions.byId('inf1010-T-103')).toMatchObject({ name: 'Squatter' });
    const logged = (await t.storage.repo.audit.ofExam('inf1010')).find((e) => e.action === 'thirdGrading');
    expect(logged?.detail).toMatchObject({ refused: 'commissionExists' });
  });
});
