import { candidateKey, docName, rootMap } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, it, testOrigin } from '../testing/demo-app.ts';

const flag = async (t: DemoApp, commissionId: string, candidate: string, user: string, body: object) =>
  t.app.request(`/api/commissions/${commissionId}/candidates/${candidate}/sample-flags`, {
    method: 'PUT',
    headers: { cookie: await t.login(user), origin: testOrigin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const flagOf = (t: DemoApp, commissionId: string, candidate: string) =>
  t.readCommission(commissionId, (k) => k.sampleFlag(candidate));
const sampleFlagEvents = async (t: DemoApp, examId: string) =>
  (await t.storage.repo.audit.ofExam(examId)).filter((e) => e.action === 'sampleFlag');

describe('sample flags', () => {
  it('R21: a sample flag is audited with who, when and what', async ({ t }) => {
    const res = await flag(t, 'K1', '110', 'examiner1', { difficult: true, closeToFail: false });
    expect(res.status).toBe(200);
    expect(await flagOf(t, 'K1', '110')).toMatchObject({ difficult: true, by: 'examiner1' });
    expect(await sampleFlagEvents(t, 'inf1010')).toMatchObject([
      {
        actorId: 'examiner1',
        commissionId: 'K1',
        candidate: '110',
        detail: { difficult: true, closeToFail: false },
      },
    ]);
  });

  it('R16: an examiner disqualified for a candidate cannot flag them, and nothing is written', async ({
    t,
  }) => {
    await t.writer.transact(docName({ kind: 'commission', commissionId: 'K1' }), (doc) => {
      rootMap(doc, 'commission', 'candidates').set(candidateKey('110'), {
        attended: true,
        disqualified: ['examiner1'],
      });
    });
    const res = await flag(t, 'K1', '110', 'examiner1', { difficult: true, closeToFail: false });
    expect(res.status).not.toBe(200);
    expect(await res.json()).toMatchObject({ error: 'unknownCandidate' });
    expect(await flagOf(t, 'K1', '110')).toBeUndefined();
    expect(await sampleFlagEvents(t, 'inf1010')).toEqual([]);
  });

  it('R13: a candidate who did not attend is not flagged', async ({ t }) => {
    const k3 = await t.storage.repo.commissions.byId('K3');
    const states = await t.readCommission('K3', (k) =>
      (k3?.candidates ?? []).map((n) => ({ n, attended: k.candidate(n)?.attended })),
    );
    const absent = states.find((s) => s.attended === false)?.n;
    if (absent === undefined) throw new Error('the demo has no absent candidate in K3');
    const res = await flag(t, 'K3', absent, 'examiner1', { difficult: true, closeToFail: false });
    expect(await res.json()).toMatchObject({ error: 'notAttended' });
    expect(await flagOf(t, 'K3', absent)).toBeUndefined();
  });

  it('R8: close to Fail is for pass/fail exams only', async ({ t }) => {
    const letter = await flag(t, 'K1', '110', 'examiner1', { difficult: false, closeToFail: true });
    expect(letter.status).toBe(422);
    expect(await letter.json()).toMatchObject({ error: 'closeToFailNotPassFail' });
    expect(await flagOf(t, 'K1', '110')).toBeUndefined();

    const k3 = await t.storage.repo.commissions.byId('K3');
    const attended = await t.readCommission('K3', (k) =>
      (k3?.candidates ?? []).find((n) => k.candidate(n)?.attended === true),
    );
    if (attended === undefined) throw new Error('no attended candidate in K3');
    const passFail = await flag(t, 'K3', attended, 'examiner1', { difficult: false, closeToFail: true });
    expect(passFail.status).toBe(200);
    expect(await flagOf(t, 'K3', attended)).toMatchObject({ closeToFail: true });
  });

  it('R2: only the commission flags; the coordinator and another commission’s examiner are refused', async ({
    t,
  }) => {
    expect((await flag(t, 'K1', '110', 'coordinator', { difficult: true, closeToFail: false })).status).toBe(
      403,
    );
    expect((await flag(t, 'K1', '110', 'examiner3', { difficult: true, closeToFail: false })).status).toBe(
      403,
    );
    expect(await flagOf(t, 'K1', '110')).toBeUndefined();
  });
});
