import { appealDoc, commissionDoc, contextKey, docName, rootMap } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, it as demoTest } from '../testing/demo-app.ts';

const action = (commission: string, candidate: string, name: string) =>
  `/api/commissions/${commission}/candidates/${candidate}/${name}`;

/** Registers an appeal, as the coordinator unless the test names someone else. */
const it = demoTest.extend('register', ({ t, coordinator }) => (body: unknown, cookie = coordinator) => {
  return t.post('/api/exams/inf1010/appeals', cookie, body);
});

describe('appeals', () => {
  const commission = <T>(t: DemoApp, id: string, read: (doc: ReturnType<typeof commissionDoc>) => T) =>
    t.writer.read(docName({ kind: 'commission', commissionId: id }), (doc) => read(commissionDoc(doc)));
  const ext = (userId: string) => ({ userId, affiliation: 'external' });
  const int = (userId: string) => ({ userId, affiliation: 'internal' });
  /** Both appeal examiners confirm, then `registrar` registers. */
  const grade = async (
    t: DemoApp,
    commissionId: string,
    candidate: string,
    grades: Record<string, string>,
  ) => {
    for (const [user, g] of Object.entries(grades)) {
      const res = await t.post(action(commissionId, candidate, 'confirm'), await t.login(user), { grade: g });
      expect(res.status).toBe(200);
    }
    const [registrar] = Object.keys(grades);
    return t.post(action(commissionId, candidate, 'register'), await t.login(registrar ?? ''));
  };

  it('R17 R9 refuses an appeal commission without an external, of one examiner, or with an ordinary examiner', async ({
    t,
    register,
  }) => {
    const body = (members: unknown[]) => ({ candidate: '104', reasons: 'Q3 deserves more.', members });
    const noExternal = await register(body([int('appeal2'), int('examiner3')]));
    expect(noExternal.status).toBe(422);
    expect(await noExternal.json()).toMatchObject({ error: 'noExternal' });
    expect(await (await register(body([ext('appeal1')]))).json()).toMatchObject({ error: 'tooFewExaminers' });
    const tookPart = await register(body([ext('examiner2'), int('appeal2')]));
    expect(tookPart.status).toBe(422);
    expect(await tookPart.json()).toMatchObject({ error: 'tookPartInOrdinary' });
    // Every problem at once, in the shape a refused ordinary commission has too.
    const both = await (await register(body([int('examiner2'), int('appeal2')]))).json();
    expect(both).toMatchObject({
      error: 'noExternal',
      problems: [
        { reason: 'noExternal', message: expect.stringMatching(/external/) },
        { reason: 'tookPartInOrdinary', detail: expect.stringContaining('examiner2') },
      ],
    });
    expect(await (await register(body([ext('nobody'), int('appeal2')]))).json()).toMatchObject({
      error: 'unknownUser',
    });
    // Nothing was created by the refusals.
    expect((await t.storage.repo.appeals.ofExam('inf1010')).map((a) => a.candidate)).toEqual(['103']);

    const ok = await register(body([ext('appeal1'), int('examiner3')]));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({
      appealId: 'inf1010-appeal-104',
      commissionId: 'inf1010-A-104',
      docs: { appeal: 'appeal:inf1010-appeal-104', commission: 'commission:inf1010-A-104' },
    });
    expect((await register(body([ext('appeal1'), int('examiner3')]))).status).toBe(409);
  });

  it('R9 refuses an appeal by a non-coordinator, of an ungraded candidate, and without reasons', async ({
    t,
    register,
  }) => {
    const body = { candidate: '104', reasons: 'x', members: [ext('appeal1'), int('appeal2')] };
    expect((await register(body, await t.login('examiner1'))).status).toBe(403);
    expect((await register(body, await t.login('supervisor'))).status).toBe(403);
    expect(await (await register({ ...body, candidate: '107' })).json()).toMatchObject({
      error: 'noOrdinaryGrade',
    });
    expect(await (await register({ ...body, reasons: '  ' })).json()).toMatchObject({
      error: 'reasonRequired',
    });
  });

  it('R9 R21 keeps the reasons and the ordinary grading out of the appeal documents and audits the appeal', async ({
    t,
    register,
  }) => {
    const reasons = 'My remove() handles the head case; canary-reasons-104';
    expect(
      (await register({ candidate: '104', reasons, members: [ext('appeal1'), int('examiner3')] })).status,
    ).toBe(201);
    const a = await commission(t, 'inf1010-A-104', (d) => ({
      info: d.info(),
      candidates: d.candidateNumbers(),
      marks: d.mark('104', 'q3'),
      explanation: d.text('104', 'explanation'),
      final: d.final('104'),
    }));
    expect(a.info?.members.map((m) => m.userId)).toEqual(['appeal1', 'examiner3']);
    expect(a.info?.purpose).toBe('appeal');
    expect(a.candidates).toEqual(['104']);
    expect(a.marks).toBeUndefined();
    expect(a.explanation).toBe('');
    expect(a.final).toBeUndefined();
    const record = await t.writer.read('appeal:inf1010-appeal-104', (doc) => appealDoc(doc).record());
    expect(record).toMatchObject({ candidate: '104', commissionId: 'inf1010-A-104', status: 'grading' });
    expect(JSON.stringify(record)).not.toContain('canary');
    expect((await t.storage.repo.appeals.byId('inf1010-appeal-104'))?.reasons).toBe(reasons);
    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.candidate === '104');
    expect(audit.at(-1)).toMatchObject({
      action: 'appeal',
      actorId: 'coordinator',
      commissionId: 'inf1010-A-104',
    });
  });

  it('R7 appeal: with one internal and one external examiner the external decides', async ({ t }) => {
    const res = await grade(t, 'A1', '103', { appeal2: 'B', appeal1: 'C' });
    expect(await res.json()).toEqual({ ok: true, grade: 'C' });
  });

  it('R7 R9 appeal with two externals: an extra examiner decides, and never one who took part in the ordinary grading', async ({
    t,
    coordinator,
    register,
  }) => {
    const res = await register({
      candidate: '104',
      reasons: 'Q5.',
      members: [ext('appeal1'), ext('examiner3')],
    });
    expect(res.status).toBe(201);
    const id = 'inf1010-A-104';
    await t.post(action(id, '104', 'confirm'), await t.login('appeal1'), { grade: 'C' });
    await t.post(action(id, '104', 'confirm'), await t.login('examiner3'), { grade: 'B' });
    expect(await (await t.post(action(id, '104', 'register'), coordinator)).json()).toMatchObject({
      error: 'gradesDisagree',
    });
    const appoint = (userId: string, cookie = coordinator) =>
      t.post(`/api/commissions/${id}/extra-examiner`, cookie, { userId });
    // examiner1 graded 104 in K1.
    const tookPart = await appoint('examiner1');
    expect(tookPart.status).toBe(422);
    expect(await tookPart.json()).toMatchObject({ error: 'tookPartInOrdinary' });
    // Someone who may not appoint is refused as before, whoever they name.
    expect((await appoint('examiner1', await t.login('appeal1'))).status).toBe(403);
    expect((await appoint('appeal2')).status).toBe(200);
    await t.post(action(id, '104', 'confirm'), await t.login('appeal2'), { grade: 'B' });
    expect(await (await t.post(action(id, '104', 'register'), coordinator)).json()).toEqual({
      ok: true,
      grade: 'B',
    });
  });

  it('R10 a one-step gap makes the appeal grade final in the ordinary commission', async ({ t }) => {
    expect((await grade(t, 'A1', '103', { appeal1: 'B', appeal2: 'B' })).status).toBe(200);
    expect(await commission(t, 'K1', (d) => d.final('103'))).toMatchObject({ grade: 'B', source: 'appeal' });
    expect((await t.storage.repo.appeals.byId('appeal-103'))?.status).toBe('decided');
    const stats = await t.getJson('/api/exams/inf1010/appeal-statistics', await t.login('supervisor'));
    expect(stats).toMatchObject({ registered: 1, pending: 0, thirdGradings: 0, changed: 1 });
    expect(stats).toMatchObject({ decided: { count: 1, up: 1, stepGaps: [0, 1] } });
  });

  it('R10 a two-step gap opens a third grading (uio) with both explanations before any final grade', async ({
    t,
    coordinator,
  }) => {
    await t.writer.transact(docName({ kind: 'commission', commissionId: 'A1' }), (doc) => {
      rootMap(doc, 'commission', 'texts').set('103:explanation', 'Appeal: excellent throughout.');
    });
    expect((await grade(t, 'A1', '103', { appeal1: 'A', appeal2: 'A' })).status).toBe(200);
    expect(await commission(t, 'K1', (d) => d.final('103'))).toMatchObject({
      grade: 'C',
      source: 'commission',
    });
    const appeal = await t.storage.repo.appeals.byId('appeal-103');
    expect(appeal).toMatchObject({ status: 'thirdGrading', thirdCommissionId: 'inf1010-T-103' });
    const third = await t.storage.repo.commissions.byId('inf1010-T-103');
    expect(third?.purpose).toBe('third');
    // UiO: the ordinary examiner (examiner1, internal) and the external appeal examiner.
    expect(third?.members.map((m) => m.userId).sort()).toEqual(['appeal1', 'examiner1']);
    const context = await t.writer.read('commission:inf1010-T-103', (doc) => ({
      ordinary: doc.getMap('context').get(contextKey('103', 'ordinaryExplanation')),
      appeal: doc.getMap('context').get(contextKey('103', 'appealExplanation')),
      marks: doc.getMap('marks').size,
      finals: doc.getMap('finals').size,
    }));
    expect(context.ordinary).toMatch(/^Good: solid understanding/);
    expect(context).toMatchObject({ appeal: 'Appeal: excellent throughout.', marks: 0, finals: 0 });

    expect((await grade(t, 'inf1010-T-103', '103', { appeal1: 'B', examiner1: 'B' })).status).toBe(200);
    expect(await commission(t, 'K1', (d) => d.final('103'))).toMatchObject({ grade: 'B', source: 'third' });
    expect((await t.storage.repo.appeals.byId('appeal-103'))?.status).toBe('decided');
    const actions = (await t.storage.repo.audit.ofExam('inf1010'))
      .filter((e) => e.candidate === '103' && (e.action === 'appeal' || e.action === 'thirdGrading'))
      .map((e) => [e.action, e.detail.step ?? null]);
    expect(actions).toEqual([
      ['appeal', null],
      ['thirdGrading', null],
      ['appeal', 'decided'],
    ]);
    const list = await t.getJson<{ appeals: unknown[] }>('/api/exams/inf1010/appeals', coordinator);
    expect(list.appeals[0]).toMatchObject({
      ordinaryGrade: 'C',
      appealGrade: 'A',
      thirdGrade: 'B',
      finalGrade: 'B',
      status: 'decided',
    });
  });

  it('R10 when the policy cannot form the third grading nothing is final until the coordinator forms it', async ({
    t,
    coordinator,
    register,
  }) => {
    const exam = await t.storage.repo.exams.byId('inf1010');
    if (exam === null) throw new Error('no exam');
    const nhh = { ...exam, policies: { ...exam.policies, thirdGradingCommission: 'nhh' as const } };
    await t.storage.repo.exams.put(nhh);
    // NHH takes the appeal commission's internal examiners: two externals have none.
    const res = await register({
      candidate: '104',
      reasons: 'Q5.',
      members: [ext('appeal1'), ext('examiner3')],
    });
    expect(res.status).toBe(201);
    expect((await grade(t, 'inf1010-A-104', '104', { appeal1: 'A', examiner3: 'A' })).status).toBe(200);
    const waiting = await t.storage.repo.appeals.byId('inf1010-appeal-104');
    expect(waiting).toMatchObject({ status: 'thirdGrading' });
    expect(waiting?.thirdCommissionId).toBeUndefined();
    expect(await commission(t, 'K1', (d) => d.final('104'))).toMatchObject({
      grade: 'D',
      source: 'commission',
    });
    const events = await t.storage.repo.audit.ofExam('inf1010');
    expect(events.at(-1)).toMatchObject({
      action: 'thirdGrading',
      detail: { refused: 'noInternal', steps: 3 },
    });

    const path = '/api/exams/inf1010/appeals/inf1010-appeal-104/third-grading';
    const body = { members: [int('examiner1'), int('appeal2')] };
    expect((await t.post(path, await t.login('appeal1'), body)).status).toBe(403);
    expect((await t.post('/api/exams/inf1010/appeals/nope/third-grading', coordinator, body)).status).toBe(
      403,
    );
    expect(
      await (await t.post(path, coordinator, { members: [int('examiner1'), int('nobody')] })).json(),
    ).toMatchObject({
      error: 'unknownUser',
    });
    const formed = await t.post(path, coordinator, body);
    expect(formed.status).toBe(201);
    expect(await formed.json()).toEqual({ commissionId: 'inf1010-T-104', doc: 'commission:inf1010-T-104' });
    const context = await t.writer.read('commission:inf1010-T-104', (doc) => [
      ...doc.getMap('context').keys(),
    ]);
    expect(context.sort()).toEqual(['104:appealExplanation', '104:ordinaryExplanation']);
    expect(await (await t.post(path, coordinator, body)).json()).toMatchObject({
      error: 'thirdGradingNotPending',
    });
    // The appeal of 103 has no third grading waiting.
    expect(
      await (await t.post('/api/exams/inf1010/appeals/appeal-103/third-grading', coordinator, body)).json(),
    ).toMatchObject({ error: 'thirdGradingNotPending' });
    expect((await grade(t, 'inf1010-T-104', '104', { examiner1: 'B', appeal2: 'B' })).status).toBe(200);
    expect(await commission(t, 'K1', (d) => d.final('104'))).toMatchObject({ grade: 'B', source: 'third' });
  });

  it('R19 appeal statistics are for coordinators and supervisors only', async ({ t, coordinator }) => {
    expect((await t.get('/api/exams/inf1010/appeal-statistics', await t.login('appeal1'))).status).toBe(403);
    expect((await t.get('/api/exams/inf1010/appeal-statistics', await t.login('examiner1'))).status).toBe(
      403,
    );
    expect((await t.get('/api/exams/nope/appeal-statistics', coordinator)).status).toBe(403);
    expect(await t.getJson('/api/exams/inf1010/appeal-statistics', coordinator)).toMatchObject({
      registered: 1,
      pending: 1,
      decided: { count: 0 },
    });
    const list = await t.getJson<{ appeals: unknown[] }>('/api/exams/inf1010/appeals', coordinator);
    expect(list.appeals).toEqual([
      expect.objectContaining({ appealId: 'appeal-103', status: 'grading', ordinaryGrade: 'C' }),
    ]);
    expect((await t.get('/api/exams/inf1010/appeals', await t.login('supervisor'))).status).toBe(403);
  });
});
