import { commissionDoc, docName } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, it, candidateAction as path } from '../testing/demo-app.ts';

describe('server actions', () => {
  const k1 = <T>(t: DemoApp, read: (doc: ReturnType<typeof commissionDoc>) => T) =>
    t.writer.read(docName({ kind: 'commission', commissionId: 'K1' }), (doc) => read(commissionDoc(doc)));
  const auditOf = async (t: DemoApp, candidate: string) =>
    (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.candidate === candidate);

  it('R5 R6 R21 registers the grade both examiners confirmed, locks the candidate, and audits each step', async ({
    t,
  }) => {
    const e1 = await t.login('examiner1');
    const e2 = await t.login('examiner2');
    expect((await t.post(path('K1', '107', 'confirm'), e1, { grade: 'C' })).status).toBe(200);
    const early = await t.post(path('K1', '107', 'register'), e1);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: 'awaitingConfirmations' });

    expect((await t.post(path('K1', '107', 'confirm'), e2, { grade: 'C' })).status).toBe(200);
    const registered = await t.post(path('K1', '107', 'register'), e2);
    expect(registered.status).toBe(200);
    expect(await registered.json()).toEqual({ ok: true, grade: 'C' });
    expect(await k1(t, (d) => d.final('107'))).toMatchObject({
      grade: 'C',
      registeredBy: 'examiner2',
      source: 'commission',
    });

    const again = await t.post(path('K1', '107', 'confirm'), e1, { grade: 'B' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'locked' });
    expect((await t.post(path('K1', '107', 'register'), e1)).status).toBe(409);

    expect((await auditOf(t, '107')).map((e) => [e.action, e.actorId])).toEqual([
      ['confirm', 'examiner1'],
      ['confirm', 'examiner2'],
      ['register', 'examiner2'],
    ]);
  });

  it('R8 R5: once the sample is complete, a paper outside it is registered on the first examiner’s confirmation; one in it waits for the second', async ({
    t,
  }) => {
    const e1 = await t.login('examiner1');
    const coordinator = await t.login('coordinator');
    type Sample = {
      complete: boolean;
      papers: Array<{ candidate: string; grade?: string; inSample: boolean }>;
    };
    const sampleNow = () => t.getJson<Sample>('/api/commissions/K1/second-examiner-sample', coordinator);
    const registered = new Set(
      await k1(t, (d) => d.candidateNumbers().filter((n) => d.final(n) !== undefined)),
    );
    const open = (p: { candidate: string }) => !registered.has(p.candidate);
    // While a paper has no first grade, every paper still waits for both examiners.
    const before = await sampleNow();
    expect(before.complete).toBe(false);
    const outsideEarly = before.papers.find((p) => open(p) && !p.inSample && p.grade !== undefined);
    if (outsideEarly === undefined) throw new Error('the demo K1 has graded papers outside the sample');
    await t.post(path('K1', outsideEarly.candidate, 'confirm'), e1, { grade: outsideEarly.grade });
    expect(await (await t.post(path('K1', outsideEarly.candidate, 'register'), e1)).json()).toMatchObject({
      error: 'awaitingConfirmations',
    });

    // The first examiner grades (confirms) every remaining paper: the sample is complete.
    for (const paper of before.papers.filter((p) => p.grade === undefined))
      expect((await t.post(path('K1', paper.candidate, 'confirm'), e1, { grade: 'B' })).status).toBe(200);
    const sample = await sampleNow();
    expect(sample.complete).toBe(true);
    const outside = sample.papers.find(
      (p) => open(p) && !p.inSample && p.candidate !== outsideEarly.candidate,
    );
    const inside = sample.papers.find((p) => open(p) && p.inSample);
    if (outside === undefined || inside === undefined) throw new Error('K1 has papers on both sides');
    await t.post(path('K1', outside.candidate, 'confirm'), e1, { grade: outside.grade });
    await t.post(path('K1', inside.candidate, 'confirm'), e1, { grade: inside.grade });

    const done = await t.post(path('K1', outside.candidate, 'register'), e1);
    expect(await done.json()).toEqual({ ok: true, grade: outside.grade });
    const waiting = await t.post(path('K1', inside.candidate, 'register'), e1);
    expect(waiting.status).toBe(409);
    expect(await waiting.json()).toMatchObject({ error: 'awaitingConfirmations' });
    expect(await k1(t, (d) => [d.final(outside.candidate)?.grade, d.final(inside.candidate)])).toEqual([
      outside.grade,
      undefined,
    ]);
  });

  it('R7 ordinary + second examiner: the ordinary examiner’s confirmed grade settles a disagreement', async ({
    t,
  }) => {
    await t.post(path('K1', '108', 'confirm'), await t.login('examiner1'), { grade: 'B' });
    const e2 = await t.login('examiner2');
    // The decider waits until every examiner has confirmed.
    expect(await (await t.post(path('K1', '108', 'register'), e2)).json()).toMatchObject({
      error: 'awaitingConfirmations',
    });
    await t.post(path('K1', '108', 'confirm'), e2, { grade: 'C' });
    const res = await t.post(path('K1', '108', 'register'), e2);
    expect(await res.json()).toEqual({ ok: true, grade: 'B' });
    expect((await auditOf(t, '108')).at(-1)).toMatchObject({
      action: 'register',
      detail: { grade: 'B', decidedBy: 'examiner1' },
    });
  });

  it('R7 oral exam: the examiners must agree, nobody settles it for them', async ({ t }) => {
    await t.post(path('K3', '201', 'confirm'), await t.login('examiner1'), { grade: 'Pass' });
    await t.post(path('K3', '201', 'confirm'), await t.login('examiner3'), { grade: 'NotPass' });
    const res = await t.post(path('K3', '201', 'register'), await t.login('examiner1'));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'gradesDisagree' });
    const k3 = await t.writer.read(docName({ kind: 'commission', commissionId: 'K3' }), (doc) =>
      commissionDoc(doc).final('201'),
    );
    expect(k3).toBeUndefined();
  });

  it('authorizes by can(): outsiders, the coordinator confirming, and a missing commission are refused alike', async ({
    t,
  }) => {
    const e3 = await t.login('examiner3');
    const outsider = await t.post(path('K1', '107', 'confirm'), e3, { grade: 'C' });
    expect(outsider.status).toBe(403);
    const missing = await t.post(path('K9', '107', 'confirm'), e3, { grade: 'C' });
    expect(await missing.json()).toEqual(await outsider.json());
    expect(
      (await t.post(path('K1', '107', 'confirm'), await t.login('coordinator'), { grade: 'C' })).status,
    ).toBe(403);
    expect(
      (await t.post(path('K1', '107', 'confirm'), await t.login('supervisor'), { grade: 'C' })).status,
    ).toBe(403);
    expect(await auditOf(t, '107')).toEqual([]);
  });

  it('validates the grade against the exam’s scale and the candidate against the commission', async ({
    t,
  }) => {
    const e1 = await t.login('examiner1');
    expect(await (await t.post(path('K1', '107', 'confirm'), e1, { grade: 'Pass' })).json()).toMatchObject({
      error: 'gradeNotOnScale',
    });
    expect((await t.post(path('K1', '107', 'confirm'), e1, { grade: 'G' })).status).toBe(400);
    expect(await (await t.post(path('K1', '125', 'confirm'), e1, { grade: 'C' })).json()).toMatchObject({
      error: 'unknownCandidate',
    });
  });

  it('R13 refuses to grade a candidate who did not attend', async ({ t }) => {
    const res = await t.post(path('K3', '205', 'confirm'), await t.login('examiner1'), { grade: 'Pass' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'notAttended' });
  });

  it('R6 lets the coordinator reopen a registered grade with a written reason, audited', async ({ t }) => {
    const coordinator = await t.login('coordinator');
    const blank = await t.post(path('K1', '101', 'reopen'), coordinator, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toMatchObject({ error: 'reasonRequired' });
    expect(
      (await t.post(path('K1', '101', 'reopen'), await t.login('examiner1'), { reason: 'x' })).status,
    ).toBe(403);

    const res = await t.post(path('K1', '101', 'reopen'), coordinator, { reason: 'Q3 was added up wrong' });
    expect(res.status).toBe(200);
    expect(await k1(t, (d) => [d.final('101'), d.confirmations('101')])).toEqual([undefined, []]);
    const reopen = (await auditOf(t, '101')).find((e) => e.action === 'reopen');
    expect(reopen).toMatchObject({
      actorId: 'coordinator',
      detail: { reason: 'Q3 was added up wrong', previousGrade: 'A' },
    });
    // Reopened: the examiners can confirm again.
    expect(
      (await t.post(path('K1', '101', 'confirm'), await t.login('examiner1'), { grade: 'B' })).status,
    ).toBe(200);
  });

  it('R6 refuses to reopen once results are published', async ({ t }) => {
    const exam = await t.storage.repo.exams.byId('inf1010');
    if (exam === null) throw new Error('no exam');
    await t.storage.repo.exams.put({ ...exam, status: 'published' });
    const res = await t.post(path('K1', '102', 'reopen'), await t.login('coordinator'), {
      reason: 'late complaint',
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'alreadyPublished' });
    expect(await k1(t, (d) => d.final('102')?.grade)).toBe('B');
  });

  it('R11 flags suspected cheating: the reasons go to the audit log, never into the commission document', async ({
    t,
  }) => {
    const reason = 'Q8 is identical to a published solution';
    const res = await t.post(path('K1', '111', 'flag'), await t.login('examiner1'), { reason });
    expect(res.status).toBe(200);
    const hold = await k1(t, (d) => d.hold('111'));
    expect(hold).toMatchObject({ kind: 'cheating', flaggedBy: 'examiner1' });
    expect(JSON.stringify(hold)).not.toContain('identical');
    expect((await auditOf(t, '111')).at(-1)).toMatchObject({ action: 'flag', detail: { reason } });
  });
});
