import { type Commission, commissionDoc, docName, rootMap } from '@cograde/domain';
import { testExam } from '@cograde/domain/testing';
import { describe, expect } from 'vitest';
import { type DemoApp, it, candidateAction as path } from '../testing/demo-app.ts';

describe('grading workflow actions', () => {
  const doc = <T>(t: DemoApp, commissionId: string, read: (doc: ReturnType<typeof commissionDoc>) => T) =>
    t.writer.read(docName({ kind: 'commission', commissionId }), (d) => read(commissionDoc(d)));
  const auditOf = async (t: DemoApp, examId: string, action: string) =>
    (await t.storage.repo.audit.ofExam(examId)).filter((e) => e.action === action);
  const setPolicy = async (t: DemoApp, cheatingPolicy: 'withhold' | 'noGrade') => {
    const exam = await t.storage.repo.exams.byId('inf1010');
    if (exam === null) throw new Error('no exam');
    await t.storage.repo.exams.put({ ...exam, policies: { ...exam.policies, cheatingPolicy } });
  };

  it('R16 R21 an examiner declares themselves disqualified: their writes and answers are refused, audited', async ({
    t,
  }) => {
    const e1 = await t.login('examiner1');
    expect((await t.get('/api/exams/inf1010/answers/113', e1)).status).toBe(200);
    const res = await t.post(path('K1', '113', 'disqualify'), e1, { reason: 'my neighbour’s son' });
    expect(res.status).toBe(200);
    expect(await doc(t, 'K1', (d) => d.candidate('113'))).toEqual({
      attended: true,
      disqualified: ['examiner1'],
    });
    expect(await (await t.post(path('K1', '113', 'confirm'), e1, { grade: 'B' })).json()).toMatchObject({
      error: 'unknownCandidate',
    });
    expect((await t.get('/api/exams/inf1010/answers/113', e1)).status).toBe(403);
    expect((await t.get('/api/exams/inf1010/answers/113', await t.login('examiner2'))).status).toBe(200);
    expect((await t.post(path('K1', '113', 'disqualify'), e1, {})).status).toBe(422);
    expect(await auditOf(t, 'inf1010', 'disqualify')).toMatchObject([
      {
        actorId: 'examiner1',
        candidate: '113',
        commissionId: 'K1',
        detail: { reason: 'my neighbour’s son' },
      },
    ]);
    // Only members declare themselves disqualified.
    expect((await t.post(path('K1', '114', 'disqualify'), await t.login('coordinator'), {})).status).toBe(
      403,
    );
  });

  it('R16 a disqualified examiner’s confirmation no longer counts', async ({ t }) => {
    const e1 = await t.login('examiner1');
    await t.post(path('K1', '113', 'confirm'), e1, { grade: 'B' });
    await t.post(path('K1', '113', 'disqualify'), e1, {});
    expect(await doc(t, 'K1', (d) => d.confirmations('113'))).toEqual([]);
  });

  it('R11 R21 the coordinator resolves a cheating flag with a reason; nobody else may', async ({ t }) => {
    const coordinator = await t.login('coordinator');
    expect(
      (await t.post(path('K1', '110', 'resolve-flag'), await t.login('examiner1'), { reason: 'x' })).status,
    ).toBe(403);
    expect(
      await (await t.post(path('K1', '110', 'resolve-flag'), coordinator, { reason: ' ' })).json(),
    ).toMatchObject({
      error: 'reasonRequired',
    });
    const res = await t.post(path('K1', '110', 'resolve-flag'), coordinator, {
      reason: 'Sources were cited',
    });
    expect(res.status).toBe(200);
    expect(await doc(t, 'K1', (d) => d.hold('110'))).toBeUndefined();
    expect(await auditOf(t, 'inf1010', 'resolveFlag')).toMatchObject([
      {
        candidate: '110',
        detail: { reason: 'Sources were cited', outcome: 'cleared', flaggedBy: 'examiner2' },
      },
    ]);
    expect(
      await (await t.post(path('K1', '110', 'resolve-flag'), coordinator, { reason: 'again' })).json(),
    ).toMatchObject({ error: 'noHold' });
  });

  it('R11 noGrade: no confirmation or registration while held; withhold: grading goes on', async ({ t }) => {
    const e1 = await t.login('examiner1');
    const e2 = await t.login('examiner2');
    await setPolicy(t, 'noGrade');
    expect(await (await t.post(path('K1', '110', 'confirm'), e1, { grade: 'C' })).json()).toMatchObject({
      error: 'cheatingHold',
    });
    expect(await (await t.post(path('K1', '110', 'register'), e1)).json()).toMatchObject({
      error: 'cheatingHold',
    });
    await setPolicy(t, 'withhold');
    await t.post(path('K1', '110', 'confirm'), e1, { grade: 'C' });
    await t.post(path('K1', '110', 'confirm'), e2, { grade: 'C' });
    expect(await (await t.post(path('K1', '110', 'register'), e1)).json()).toEqual({ ok: true, grade: 'C' });
  });

  it('R13 R21 the coordinator registers attendance; only attendees are confirmed and registered', async ({
    t,
  }) => {
    const e1 = await t.login('examiner1');
    const e3 = await t.login('examiner3');
    const coordinator = await t.login('coordinator');
    expect(await (await t.post(path('K3', '205', 'register'), e1)).json()).toMatchObject({
      error: 'notAttended',
    });
    expect((await t.post(path('K3', '205', 'attendance'), e1, { attended: true })).status).toBe(403);
    expect((await t.post(path('K3', '205', 'attendance'), coordinator, { attended: true })).status).toBe(200);
    expect((await t.post(path('K3', '205', 'confirm'), e1, { grade: 'Pass' })).status).toBe(200);
    // Marked absent again: what was begun goes, and nobody can grade them.
    expect((await t.post(path('K3', '205', 'attendance'), coordinator, { attended: false })).status).toBe(
      200,
    );
    expect(await doc(t, 'K3', (d) => [d.candidate('205')?.attended, d.confirmations('205')])).toEqual([
      false,
      [],
    ]);
    expect(await (await t.post(path('K3', '205', 'confirm'), e3, { grade: 'Pass' })).json()).toMatchObject({
      error: 'notAttended',
    });
    const identities = (await t.storage.repo.exams.candidates('exphil03')).find((c) => c.number === '205');
    expect(identities?.attended).toBe(false);
    expect((await auditOf(t, 'exphil03', 'attendance')).map((e) => e.detail.attended)).toEqual([true, false]);
    // A written exam has no attendance to register.
    expect(
      await (await t.post(path('K1', '113', 'attendance'), coordinator, { attended: false })).json(),
    ).toMatchObject({ error: 'notRegistrationOnly' });
  });

  it('R6 an examiner asks for a registered grade to be reopened, audited for the coordinator', async ({
    t,
  }) => {
    const e1 = await t.login('examiner1');
    expect((await t.post(path('K1', '113', 'request-reopen'), e1, { reason: 'added up wrong' })).status).toBe(
      400,
    );
    expect(
      (await t.post(path('K1', '102', 'request-reopen'), e1, { reason: 'Q3 added up wrong' })).status,
    ).toBe(200);
    expect(await auditOf(t, 'inf1010', 'reopenRequest')).toMatchObject([
      { candidate: '102', actorId: 'examiner1', detail: { reason: 'Q3 added up wrong' } },
    ]);
  });

  it('lists every workflow endpoint in /api/openapi.json', async ({ t }) => {
    const spec = (await t.getJson<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json'))
      .paths;
    const expected: Array<[string, string]> = [
      ['/api/commissions/{commissionId}/candidates/{candidate}/disqualify', 'post'],
      ['/api/commissions/{commissionId}/candidates/{candidate}/request-reopen', 'post'],
      ['/api/commissions/{commissionId}/candidates/{candidate}/resolve-flag', 'post'],
      ['/api/commissions/{commissionId}/candidates/{candidate}/attendance', 'post'],
      ['/api/commissions/{commissionId}/extra-examiner', 'post'],
      ['/api/exams/{examId}/grade-imports', 'post'],
      ['/api/exams/{examId}/grade-imports/{importId}', 'get'],
      ['/api/exams/{examId}/grade-imports/{importId}/accept', 'post'],
      ['/api/exams/{examId}/grade-imports/{importId}/undo', 'post'],
      ['/api/exams/{examId}/questions/{questionId}/answer-key', 'post'],
      ['/api/exams/{examId}/questions/{questionId}', 'patch'],
      ['/api/exams/{examId}/export.csv', 'get'],
      ['/api/exams/{examId}/export.xlsx', 'get'],
      ['/api/exams/{examId}/worklist', 'get'],
    ];
    for (const [path, method] of expected) expect(spec[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  describe('R7 extra examiner', () => {
    const thesis = testExam({
      id: 'thesis1',
      course: 'INF5990',
      title: 'Master’s thesis',
      date: '2026-11-02',
      kind: 'mastersThesis',
      questions: [],
      policies: { secondExaminerSample: 'all', gradingDeadline: 30 },
    });
    const m1: Commission = {
      id: 'M1',
      examId: 'thesis1',
      name: 'M1',
      purpose: 'ordinary',
      members: [
        { userId: 'examiner1', displayName: 'E1', affiliation: 'internal', firstTime: false, extra: false },
        { userId: 'appeal1', displayName: 'A1', affiliation: 'external', firstTime: false, extra: false },
      ],
      candidates: ['301'],
      split: {},
    };
    it.beforeEach(async ({ t }) => {
      await t.storage.repo.exams.put(thesis);
      await t.storage.repo.exams.addGrant({ userId: 'coordinator', examId: 'thesis1', role: 'coordinator' });
      await t.storage.repo.exams.putCandidates('thesis1', [
        { number: '301', name: 'Kari Nordmann', studentId: 's301', attended: true },
      ]);
      await t.storage.repo.commissions.put(m1);
      await t.writer.transact(docName({ kind: 'commission', commissionId: 'M1' }), (raw) => {
        const { candidates: _, ...info } = m1;
        rootMap(raw, 'commission', 'info').set('commission', info);
        rootMap(raw, 'commission', 'candidates').set('301', { attended: true, disqualified: [] });
      });
    });

    it('R7 master’s thesis: the coordinator appoints an extra examiner, whose grade settles a disagreement', async ({
      t,
    }) => {
      const coordinator = await t.login('coordinator');
      const e1 = await t.login('examiner1');
      const a1 = await t.login('appeal1');
      await t.post(path('M1', '301', 'confirm'), e1, { grade: 'B' });
      await t.post(path('M1', '301', 'confirm'), a1, { grade: 'C' });
      expect(await (await t.post(path('M1', '301', 'register'), e1)).json()).toMatchObject({
        error: 'gradesDisagree',
      });

      expect((await t.post('/api/commissions/M1/extra-examiner', e1, { userId: 'examiner3' })).status).toBe(
        403,
      );
      const res = await t.post('/api/commissions/M1/extra-examiner', coordinator, { userId: 'examiner3' });
      expect(res.status).toBe(200);
      expect(await doc(t, 'M1', (d) => d.info()?.members.find((m) => m.extra)?.userId)).toBe('examiner3');
      expect(
        await (
          await t.post('/api/commissions/M1/extra-examiner', coordinator, { userId: 'examiner2' })
        ).json(),
      ).toMatchObject({ error: 'noExtraExaminerNeeded' });

      const e3 = await t.login('examiner3');
      expect((await t.post(path('M1', '301', 'confirm'), e3, { grade: 'C' })).status).toBe(200);
      expect(await (await t.post(path('M1', '301', 'register'), e3)).json()).toEqual({
        ok: true,
        grade: 'C',
      });
      expect(await auditOf(t, 'thesis1', 'extraExaminer')).toMatchObject([
        { actorId: 'coordinator', detail: { userId: 'examiner3', mediatesFirst: true } },
      ]);
      expect((await auditOf(t, 'thesis1', 'register'))[0]?.detail).toMatchObject({ decidedBy: 'examiner3' });
    });

    it('R7 R17 the candidate’s supervisor is never appointed extra examiner', async ({ t }) => {
      await t.storage.repo.exams.putCandidates('thesis1', [
        {
          number: '301',
          name: 'Kari Nordmann',
          studentId: 's301',
          attended: true,
          supervisorId: 'examiner3',
        },
      ]);
      const res = await t.post('/api/commissions/M1/extra-examiner', await t.login('coordinator'), {
        userId: 'examiner3',
      });
      expect(await res.json()).toMatchObject({ error: 'supervisorInCommission' });
      expect((await t.storage.repo.commissions.byId('M1'))?.members.some((m) => m.extra)).toBe(false);
    });

    it('R7 no extra examiner where the ordinary examiner decides', async ({ t }) => {
      const res = await t.post('/api/commissions/K1/extra-examiner', await t.login('coordinator'), {
        userId: 'examiner3',
      });
      expect(await res.json()).toMatchObject({ error: 'noExtraExaminerNeeded' });
    });
  });
});
