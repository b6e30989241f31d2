import { commissionDoc, docName, progressDoc, secondExaminerSample } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, type DocsBody, it, testOrigin } from '../testing/demo-app.ts';

type Problem = { reason: string; message: string; detail?: string };
type Sample = {
  policy: string;
  source: string;
  reason?: string;
  complete: boolean;
  firstExaminer: { userId: string } | null;
  secondExaminers: { userId: string }[];
  papers: { candidate: string; grade?: string; inSample: boolean; why?: string; difficult: boolean }[];
};

it.beforeEach(async ({ t }) => {
  // Candidates no commission holds yet, with answers (q1, q2 are auto-scored).
  await t.storage.repo.exams.putCandidates(
    'inf1010',
    ['151', '152', '153', '154', '155'].map((number, i) => ({
      number,
      name: `New Candidate ${i}`,
      studentId: `s9${i}`,
      attended: true,
    })),
  );
  for (const candidate of ['151', '152']) {
    await t.storage.repo.exams.putAnswer({ examId: 'inf1010', candidate, questionId: 'q1', text: 'B' });
    await t.storage.repo.exams.putAnswer({ examId: 'inf1010', candidate, questionId: 'q2', text: 'A' });
  }
});

const send = (t: DemoApp, method: string, path: string, cookie: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const member = (userId: string, affiliation: 'internal' | 'external', firstTime = false) => ({
  userId,
  affiliation,
  firstTime,
});
const commissionRead = <T>(t: DemoApp, id: string, read: (k: ReturnType<typeof commissionDoc>) => T) =>
  t.writer.read(docName({ kind: 'commission', commissionId: id }), (doc) => read(commissionDoc(doc)));

describe('forming a commission', () => {
  it('R17: a first-time examiner alone is refused with every problem listed, and nothing is saved', async ({
    t,
    coordinator,
  }) => {
    const res = await send(t, 'POST', '/api/exams/inf1010/commissions', coordinator, {
      name: 'K4',
      members: [member('examiner3', 'internal', true)],
      candidates: ['151'],
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; problems: Problem[] };
    expect(body.error).toBe('firstTimeAlone');
    expect(body.problems.map((p) => p.reason)).toEqual(['firstTimeAlone']);
    expect(await t.storage.repo.commissions.byId('inf1010-K4')).toBeNull();
    expect((await t.storage.repo.audit.ofExam('inf1010')).some((e) => e.action === 'commissionSaved')).toBe(
      false,
    );
  });

  it("R17: a master's thesis commission lists every problem at once, in the user's language", async ({
    t,
    coordinator,
  }) => {
    const exam = await t.storage.repo.exams.byId('inf1010');
    if (exam === null) throw new Error('no exam');
    await t.storage.repo.exams.put({ ...exam, kind: 'mastersThesis' });
    await t.storage.repo.exams.putCandidates('inf1010', [
      { number: '151', name: 'Thesis Writer', studentId: 's1', attended: true, supervisorId: 'examiner1' },
    ]);
    const res = await t.app.request('/api/exams/inf1010/commissions', {
      method: 'POST',
      headers: {
        cookie: coordinator,
        origin: testOrigin,
        'content-type': 'application/json',
        'accept-language': 'nb',
      },
      body: JSON.stringify({ name: 'M1', members: [member('examiner1', 'internal')], candidates: ['151'] }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { problems: Problem[] };
    expect(body.problems.map((p) => p.reason)).toEqual([
      'tooFewExaminers',
      'noExternal',
      'supervisorInCommission',
    ]);
    expect(body.problems[1]?.message).toMatch(/ekstern/i);
  });

  it('R17, R21: a valid commission gets its document, its examiners the document, progress its row, the log an entry', async ({
    t,
    coordinator,
  }) => {
    const res = await send(t, 'POST', '/api/exams/inf1010/commissions', coordinator, {
      name: 'K4',
      members: [member('examiner3', 'internal', true), member('examiner1', 'external')],
      candidates: ['152', '151'],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'inf1010-K4', candidates: ['151', '152'], working: [] });

    const doc = await commissionRead(t, 'inf1010-K4', (k) => ({
      info: k.info(),
      numbers: k.candidateNumbers(),
      state: k.candidate('151'),
      q1: k.autoPoints('151', 'q1'),
      q2: k.autoPoints('151', 'q2'),
    }));
    expect(doc.info).toMatchObject({ id: 'inf1010-K4', name: 'K4', purpose: 'ordinary' });
    expect(doc.info?.members.map((m) => m.userId)).toEqual(['examiner3', 'examiner1']);
    expect(doc).toMatchObject({
      numbers: ['151', '152'],
      state: { attended: true, disqualified: [] },
      q1: 2,
      q2: 0,
    });

    const docs = await t.getJson<DocsBody>('/api/docs', await t.login('examiner3'));
    expect(docs.docs.map((d) => d.name)).toContain('commission:inf1010-K4');
    expect(docs.docs.map((d) => d.name)).toContain('private:inf1010-K4:examiner3');

    const progress = await t.writer.read(docName({ kind: 'progress', examId: 'inf1010' }), (d) =>
      progressDoc(d).commissions(),
    );
    expect(progress.find((p) => p.commissionId === 'inf1010-K4')).toMatchObject({
      name: 'K4',
      total: 2,
      graded: 0,
    });

    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter(
      (e) => e.action === 'commissionSaved',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'coordinator', commissionId: 'inf1010-K4' });
    expect(audit[0]?.detail).toMatchObject({ step: 'formed', candidates: ['151', '152'] });
  });

  it('split evenly places only unplaced candidates, each to the commission with the fewest', async ({
    t,
    coordinator,
  }) => {
    await send(t, 'POST', '/api/exams/inf1010/commissions', coordinator, {
      name: 'K4',
      members: [member('examiner3', 'internal'), member('examiner1', 'external')],
      candidates: [],
    });
    const res = await send(t, 'POST', '/api/exams/inf1010/commissions/split-evenly', coordinator);
    expect(res.status).toBe(200);
    const { commissions } = (await res.json()) as { commissions: { id: string; candidates: string[] }[] };
    const byId = Object.fromEntries(commissions.map((c) => [c.id, c.candidates]));
    expect(byId['inf1010-K4']).toEqual(['151', '152', '153', '154', '155']);
    expect(byId.K1).toHaveLength(20);
    expect(await commissionRead(t, 'inf1010-K4', (k) => k.candidateNumbers())).toHaveLength(5);
  });

  it('R6, R17: a candidate with marks, a member who confirmed, or a candidate of another commission stays put', async ({
    t,
    coordinator,
  }) => {
    const k1 = await t.storage.repo.commissions.byId('K1');
    if (k1 === null) throw new Error('no K1');
    const members = k1.members.map((m) => member(m.userId, m.affiliation, m.firstTime));
    const without101 = await send(t, 'PUT', '/api/commissions/K1', coordinator, {
      name: 'K1',
      members,
      candidates: k1.candidates.filter((n) => n !== '101'),
    });
    expect(without101.status).toBe(409);
    expect(await without101.json()).toMatchObject({ error: 'candidateHasWork' });
    const withoutExaminer2 = await send(t, 'PUT', '/api/commissions/K1', coordinator, {
      name: 'K1',
      members: [...members.filter((m) => m.userId !== 'examiner2'), member('examiner3', 'external')],
      candidates: k1.candidates,
    });
    expect(withoutExaminer2.status).toBe(409);
    expect(await withoutExaminer2.json()).toMatchObject({ error: 'memberHasWork' });
    const taken = await send(t, 'PUT', '/api/commissions/K1', coordinator, {
      name: 'K1',
      members,
      candidates: [...k1.candidates, '121'],
    });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: 'candidateInOtherCommission' });
    expect(await t.storage.repo.commissions.byId('K1')).toEqual(k1);

    // An unmarked candidate may go, and a member may join.
    const ok = await send(t, 'PUT', '/api/commissions/K1', coordinator, {
      name: 'K1',
      members: [...members, member('examiner3', 'internal')],
      candidates: [...k1.candidates.filter((n) => n !== '120'), '151'],
    });
    expect(ok.status).toBe(200);
    expect(
      await commissionRead(t, 'K1', (k) => [
        k.candidate('120'),
        k.candidate('151'),
        k.info()?.members.length,
      ]),
    ).toEqual([undefined, { attended: true, disqualified: [] }, 3]);
  });

  it('only the exam’s coordinator forms commissions', async ({ t }) => {
    for (const user of ['examiner1', 'supervisor']) {
      const res = await send(t, 'POST', '/api/exams/inf1010/commissions', await t.login(user), {
        name: 'K9',
        members: [member('examiner3', 'internal'), member('examiner1', 'external')],
        candidates: ['151'],
      });
      expect(res.status).toBe(403);
    }
  });
});

describe('second-examiner sample', () => {
  it('R8: letter scale: every E and F, at least two others, each with why; ungraded papers wait', async ({
    t,
    coordinator,
  }) => {
    const sample = await t.getJson<Sample>('/api/commissions/K1/second-examiner-sample', coordinator);
    expect(sample).toMatchObject({ policy: 'rule', source: 'exam', complete: false });
    expect(sample.firstExaminer?.userId).toBe('examiner1');
    expect(sample.secondExaminers.map((m) => m.userId)).toEqual(['examiner2']);
    const graded = sample.papers.filter((p) => p.grade !== undefined);
    expect(graded.length).toBeGreaterThan(10);
    for (const p of graded) {
      if (p.grade === 'E' || p.grade === 'F') expect(p).toMatchObject({ inSample: true, why: 'gradedEorF' });
    }
    expect(sample.papers.filter((p) => p.why === 'other')).toHaveLength(2);
    expect(sample.papers.filter((p) => p.grade === undefined).every((p) => !p.inSample)).toBe(true);
    // The same as the domain rule on the same papers: the server adds nothing of its own.
    const expected = secondExaminerSample({
      scale: { kind: 'letter' },
      policy: 'rule',
      papers: graded.map((p) => ({ candidate: p.candidate, grade: p.grade as 'A' })),
      seed: 0,
    });
    expect(sample.papers.filter((p) => p.inSample && p.why !== 'other').map((p) => p.candidate)).toEqual(
      expected.filter((e) => e.why !== 'other').map((e) => e.candidate),
    );
  });

  it('R8: ten papers or fewer (pass/fail EXPHIL03, ten attended): all of them', async ({
    t,
    coordinator,
  }) => {
    const sample = await t.getJson<Sample>('/api/commissions/K3/second-examiner-sample', coordinator);
    expect(sample.papers).toHaveLength(10);
    expect(sample.papers.every((p) => p.inSample && p.why === 'tenOrFewer')).toBe(true);
  });

  it('R8: pass/fail over ten papers: every NotPass from the first examiner plus two others', async ({
    t,
    coordinator,
  }) => {
    const extra = ['221', '222', '223', '224'];
    await t.storage.repo.exams.putCandidates(
      'exphil03',
      extra.map((number) => ({ number, name: `Late ${number}`, studentId: `x${number}`, attended: true })),
    );
    const k3 = await t.storage.repo.commissions.byId('K3');
    if (k3 === null) throw new Error('no K3');
    const moved = await send(t, 'PUT', '/api/commissions/K3', coordinator, {
      name: 'K3',
      members: k3.members.map((m) => member(m.userId, m.affiliation, m.firstTime)),
      candidates: [...k3.candidates, ...extra],
    });
    expect(moved.status).toBe(200);
    const examiner1 = await t.login('examiner1');
    const notPass = new Set(['203', '222']);
    for (const candidate of ['201', '202', '203', '204', '206', '207', '221', '222']) {
      const res = await send(t, 'POST', `/api/commissions/K3/candidates/${candidate}/confirm`, examiner1, {
        grade: notPass.has(candidate) ? 'NotPass' : 'Pass',
      });
      expect(res.status).toBe(200);
    }
    const sample = await t.getJson<Sample>('/api/commissions/K3/second-examiner-sample', coordinator);
    expect(sample.papers).toHaveLength(14);
    expect(sample.complete).toBe(false);
    expect(sample.papers.filter((p) => p.why === 'notPass').map((p) => p.candidate)).toEqual(['203', '222']);
    const others = sample.papers.filter((p) => p.why === 'other');
    expect(others).toHaveLength(2);
    expect(others.every((p) => p.grade === 'Pass')).toBe(true);
    expect(sample.papers.filter((p) => p.inSample)).toHaveLength(4);

    // A Pass the first examiner finds close to Fail goes in as well (K3 has two internal examiners: either flags).
    const closeOne = others[0]?.candidate === '201' ? '202' : '201';
    const flagged = await send(
      t,
      'PUT',
      `/api/commissions/K3/candidates/${closeOne}/sample-flags`,
      examiner1,
      {
        difficult: false,
        closeToFail: true,
      },
    );
    expect(flagged.status).toBe(200);
    const after = await t.getJson<Sample>('/api/commissions/K3/second-examiner-sample', coordinator);
    expect(after.papers.find((p) => p.candidate === closeOne)).toMatchObject({
      inSample: true,
      why: 'closeToFail',
    });
  });

  it('R8: a paper the first examiner flags as difficult is preferred among the others; only the first examiner flags', async ({
    t,
    coordinator,
  }) => {
    const before = await t.getJson<Sample>('/api/commissions/K1/second-examiner-sample', coordinator);
    const candidate = before.papers.find((p) => p.grade !== undefined && !p.inSample)?.candidate;
    if (candidate === undefined) throw new Error('no paper outside the sample');
    const byExaminer2 = await send(
      t,
      'PUT',
      `/api/commissions/K1/candidates/${candidate}/sample-flags`,
      await t.login('examiner2'),
      {
        difficult: true,
        closeToFail: false,
      },
    );
    expect(byExaminer2.status).toBe(403);
    const ok = await send(
      t,
      'PUT',
      `/api/commissions/K1/candidates/${candidate}/sample-flags`,
      await t.login('examiner1'),
      {
        difficult: true,
        closeToFail: false,
      },
    );
    expect(ok.status).toBe(200);
    const after = await t.getJson<Sample>('/api/commissions/K1/second-examiner-sample', coordinator);
    expect(after.papers.find((p) => p.candidate === candidate)).toMatchObject({
      inSample: true,
      why: 'difficult',
    });
    // The flagged paper takes one of the two "others": there is still one chosen by seed.
    expect(after.papers.filter((p) => p.why === 'other')).toHaveLength(1);
  });

  it('R8: the coordinator gives the second examiner all papers, with a reason, and can go back', async ({
    t,
    coordinator,
  }) => {
    const noReason = await send(t, 'PUT', '/api/commissions/K1/second-examiner-sample', coordinator, {
      policy: 'all',
    });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toMatchObject({ error: 'reasonRequired' });
    const examiner2 = await t.login('examiner2');
    const refused = await send(t, 'PUT', '/api/commissions/K1/second-examiner-sample', examiner2, {
      policy: 'all',
      reason: 'I want all',
    });
    expect(refused.status).toBe(403);

    const res = await send(t, 'PUT', '/api/commissions/K1/second-examiner-sample', coordinator, {
      policy: 'all',
      reason: 'New examiner in the course this term',
    });
    expect(res.status).toBe(200);
    const seen = await t.getJson<Sample>('/api/commissions/K1/second-examiner-sample', examiner2);
    expect(seen).toMatchObject({
      policy: 'all',
      source: 'commission',
      reason: 'New examiner in the course this term',
    });
    expect(seen.papers.every((p) => p.inSample && p.why === 'allPapers')).toBe(true);
    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'examChanged');
    expect(audit.at(-1)).toMatchObject({ commissionId: 'K1', detail: { policy: 'all' } });

    await send(t, 'PUT', '/api/commissions/K1/second-examiner-sample', coordinator, { policy: 'exam' });
    expect(await t.getJson<Sample>('/api/commissions/K1/second-examiner-sample', examiner2)).toMatchObject({
      policy: 'rule',
      source: 'exam',
    });
  });

  it('R8, R2: the sample is for the commission and its coordinator only', async ({ t }) => {
    for (const user of ['examiner3', 'supervisor', 'appeal1']) {
      const res = await t.get('/api/commissions/K1/second-examiner-sample', await t.login(user));
      expect(res.status).toBe(403);
    }
  });
});

describe('the grading supervisor and final grades', () => {
  it('R15: the supervisor reads registered final grades only once the coordinator allows it, never marks', async ({
    t,
    coordinator,
  }) => {
    const supervisor = await t.login('supervisor');
    expect((await t.get('/api/exams/inf1010/final-grades', supervisor)).status).toBe(403);
    const refused = await send(t, 'PATCH', '/api/exams/inf1010/oversight-settings', supervisor, {
      supervisorSeesFinals: true,
    });
    expect(refused.status).toBe(403);

    const on = await send(t, 'PATCH', '/api/exams/inf1010/oversight-settings', coordinator, {
      supervisorSeesFinals: true,
    });
    expect(on.status).toBe(200);
    const res = await t.get('/api/exams/inf1010/final-grades', supervisor);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { commissions: { commissionId: string; finals: unknown[] }[] };
    expect(body.commissions.find((c) => c.commissionId === 'K1')?.finals).toEqual([
      { candidate: '101', grade: 'A' },
      { candidate: '102', grade: 'B' },
      { candidate: '103', grade: 'C' },
      { candidate: '104', grade: 'D' },
      { candidate: '105', grade: 'E' },
      { candidate: '106', grade: 'F' },
    ]);
    // Final grades by candidate number only: no marks, proposals, confirmations, names or examiners.
    expect(text).not.toMatch(/marks|points|confirm|examiner|Hansen|studentId/i);
    expect((await t.get('/api/exams/inf1010/final-grades', await t.login('examiner1'))).status).toBe(403);

    await send(t, 'PATCH', '/api/exams/inf1010/oversight-settings', coordinator, {
      supervisorSeesFinals: false,
    });
    expect((await t.get('/api/exams/inf1010/final-grades', supervisor)).status).toBe(403);
  });
});
