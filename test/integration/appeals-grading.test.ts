import { contextKey, textKey } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeCandidate, type Http, httpAs, inf1010, prepareDataDir } from './appeals-setup.ts';
import { type Credentials, TestClient, upgradeStatus } from './helpers/clients.ts';
import { login, removeDataDir, type ServerProcess, startServer } from './helpers/server.ts';

/**
 * R17 and R10 against the real server: the appeal commission's composition is checked when the appeal is
 * registered, and a two-step gap between the ordinary and the appeal grade opens a third grading, formed
 * by the exam's `thirdGradingCommission` policy, that receives both commissions' explanations and nothing
 * else of either grading.
 */
type Users = Record<string, { credentials: Credentials; http: Http }>;

const startWith = async (policy: 'uio' | 'nhh') => {
  const dataDir = await prepareDataDir({ thirdGradingCommission: policy });
  const server = await startServer({ dataDir });
  const users: Users = {};
  for (const name of [
    'coordinator',
    'supervisor',
    'examiner1',
    'examiner2',
    'examiner3',
    'appeal1',
    'appeal2',
  ]) {
    const credentials = await login(server, name);
    users[name] = { credentials, http: httpAs(server.origin, credentials, null) };
  }
  return { server, dataDir, users };
};

const user = (users: Users, name: string) => {
  const found = users[name];
  if (found === undefined) throw new Error(`no user ${name}`);
  return found;
};

/** Opens a document as a real client, waits for the server's state, reads it and closes. */
const readDoc = async <T>(
  server: ServerProcess,
  name: string,
  credentials: Credentials,
  read: (c: TestClient) => T,
) => {
  const client = await new TestClient(server.syncUrl, name, credentials).whenSynced();
  try {
    return read(client);
  } finally {
    client.destroy();
  }
};

/** The appeal commission A1 writes its explanation for 103 and registers `grade` (both confirm it). */
const appealGrade = async (server: ServerProcess, users: Users, grade: string, explanation: string) => {
  const writer = await new TestClient(
    server.syncUrl,
    'commission:A1',
    user(users, 'appeal1').credentials,
  ).whenSynced();
  writer.map('texts').set(textKey('103', 'explanation'), explanation);
  await writer.whenSaved();
  writer.destroy();
  return gradeCandidate([user(users, 'appeal1').http, user(users, 'appeal2').http], 'A1', '103', grade);
};

const thirdId = `${inf1010}-T-103`;

describe.each([
  { policy: 'uio' as const, third: ['appeal1', 'examiner1'], outside: 'appeal2' },
  { policy: 'nhh' as const, third: ['appeal2', 'examiner1'], outside: 'appeal1' },
])('appeal grading ($policy)', ({ policy, third, outside }) => {
  let server: ServerProcess;
  let dataDir: string;
  let users: Users;
  beforeAll(async () => {
    ({ server, dataDir, users } = await startWith(policy));
  });
  afterAll(async () => {
    await server?.stop();
    if (dataDir !== undefined) removeDataDir(dataDir);
  });

  it(`R10 a two-step gap opens a third grading formed by the ${policy} policy with both explanations`, async () => {
    const examiner1 = user(users, 'examiner1');
    const ordinaryExplanation = await readDoc(server, 'commission:K1', examiner1.credentials, (c) =>
      c.map('texts').get(textKey('103', 'explanation')),
    );
    expect(ordinaryExplanation).toMatch(/^Good:/);
    const appealExplanation = `Appeal (${policy}): excellent, the remove() handles the head case.`;
    const registered = await appealGrade(server, users, 'A', appealExplanation);
    expect(registered.status, registered.text).toBe(200);
    // The appeal examiners are told their own grade, nothing about the ordinary one.
    expect(JSON.parse(registered.text)).toEqual({ ok: true, grade: 'A' });

    // No final grade yet: the ordinary commission still holds the ordinary one.
    expect(
      await readDoc(server, 'commission:K1', examiner1.credentials, (c) => c.map('finals').get('103')),
    ).toMatchObject({ grade: 'C', source: 'commission' });

    for (const member of third) {
      const { docs } = await user(users, member).http.json<{ docs: Array<{ name: string }> }>('/api/docs');
      expect(docs.map((d) => d.name)).toContain(`commission:${thirdId}`);
    }
    expect(
      await upgradeStatus(`${server.syncUrl}/commission:${thirdId}`, user(users, outside).credentials),
    ).toBe(403);
    expect(
      await upgradeStatus(`${server.syncUrl}/commission:${thirdId}`, user(users, 'examiner2').credentials),
    ).toBe(403);
    // R9: the record an appeal examiner outside the third grading reads does not tell that one was opened.
    const record = await readDoc(server, 'appeal:appeal-103', user(users, outside).credentials, (c) =>
      c.map('record').get('appeal'),
    );
    expect(record).toMatchObject({ candidate: '103', status: 'grading' });

    const seen = await readDoc(
      server,
      `commission:${thirdId}`,
      user(users, third[0] ?? '').credentials,
      (c) => ({
        info: c.map('info').get('commission') as { purpose: string; members: Array<{ userId: string }> },
        context: Object.fromEntries(c.map('context').entries()),
        roots: Object.fromEntries(
          ['marks', 'texts', 'confirmations', 'finals', 'holds', 'imports'].map((r) => [r, c.map(r).size]),
        ),
      }),
    );
    expect(seen.info.purpose).toBe('third');
    expect(seen.info.members.map((m) => m.userId).sort()).toEqual(third);
    expect(seen.context).toEqual({
      [contextKey('103', 'ordinaryExplanation')]: ordinaryExplanation,
      [contextKey('103', 'appealExplanation')]: appealExplanation,
    });
    expect(seen.roots).toEqual({ marks: 0, texts: 0, confirmations: 0, finals: 0, holds: 0, imports: 0 });

    // The third grading's grade is the final grade after appeal.
    const users3 = third.map((name) => user(users, name).http);
    const final = await gradeCandidate(users3, thirdId, '103', 'B');
    expect(final.status, final.text).toBe(200);
    expect(
      await readDoc(server, 'commission:K1', examiner1.credentials, (c) => c.map('finals').get('103')),
    ).toMatchObject({ grade: 'B', source: 'third' });

    const coordinator = user(users, 'coordinator').http;
    const { appeals } = await coordinator.json<{ appeals: Array<Record<string, unknown>> }>(
      `/api/exams/${inf1010}/appeals`,
    );
    expect(appeals.find((a) => a.candidate === '103')).toMatchObject({
      status: 'decided',
      ordinaryGrade: 'C',
      appealGrade: 'A',
      thirdGrade: 'B',
      finalGrade: 'B',
      thirdCommissionId: thirdId,
    });
    const audit = await coordinator.json<{ events: Array<{ action: string; candidate?: string }> }>(
      `/api/exams/${inf1010}/audit?candidate=103`,
    );
    const actions = audit.events.map((e) => e.action);
    expect(actions).toContain('thirdGrading');
    expect(actions.filter((a) => a === 'appeal').length).toBeGreaterThanOrEqual(2);

    const stats = await user(users, 'supervisor').http.json<Record<string, unknown>>(
      `/api/exams/${inf1010}/appeal-statistics`,
    );
    expect(stats).toMatchObject({ registered: 1, pending: 0, thirdGradings: 1, changed: 1 });
    expect(stats.decided).toMatchObject({ count: 1, up: 1, down: 0, stepGaps: [0, 0, 1] });
  });
});

describe('appeal registration at the server', () => {
  let server: ServerProcess;
  let dataDir: string;
  let users: Users;
  beforeAll(async () => {
    ({ server, dataDir, users } = await startWith('uio'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dataDir !== undefined) removeDataDir(dataDir);
  });

  const register = (
    members: Array<[string, 'internal' | 'external']>,
    candidate = '104',
    as = 'coordinator',
  ) =>
    user(users, as).http.post(`/api/exams/${inf1010}/appeals`, {
      candidate,
      reasons: 'Q5 deserves more points.',
      members: members.map(([userId, affiliation]) => ({ userId, affiliation })),
    });
  const errorOf = (res: { text: string }) => (JSON.parse(res.text) as { error: string }).error;

  it('R17 R9 refuses an appeal commission that breaks the appeal rule and saves nothing', async () => {
    const noExternal = await register([
      ['appeal2', 'internal'],
      ['examiner3', 'internal'],
    ]);
    expect([noExternal.status, errorOf(noExternal)]).toEqual([422, 'noExternal']);
    const alone = await register([['appeal1', 'external']]);
    expect([alone.status, errorOf(alone)]).toEqual([422, 'tooFewExaminers']);
    const three = await register([
      ['appeal1', 'external'],
      ['appeal2', 'internal'],
      ['examiner3', 'internal'],
    ]);
    expect([three.status, errorOf(three)]).toEqual([422, 'tooManyExaminers']);
    // examiner1 and examiner2 graded 104 in K1.
    for (const ordinary of ['examiner1', 'examiner2']) {
      const tookPart = await register([
        [ordinary, 'external'],
        ['appeal2', 'internal'],
      ]);
      expect([tookPart.status, errorOf(tookPart)]).toEqual([422, 'tookPartInOrdinary']);
    }
    const examiner = await register(
      [
        ['appeal1', 'external'],
        ['appeal2', 'internal'],
      ],
      '104',
      'examiner3',
    );
    expect(examiner.status).toBe(403);
    expect(
      await upgradeStatus(
        `${server.syncUrl}/commission:${inf1010}-A-104`,
        user(users, 'coordinator').credentials,
      ),
    ).toBe(403);
  });

  it('R17 R9 R7 a valid appeal commission grades blind; with one internal and one external the external decides', async () => {
    const res = await register([
      ['appeal1', 'external'],
      ['examiner3', 'internal'],
    ]);
    expect(res.status, res.text).toBe(201);
    const { commissionId, appealId } = JSON.parse(res.text) as { commissionId: string; appealId: string };
    // The appeal examiners open their commission and the appeal record; the ordinary examiners cannot.
    const appeal1 = user(users, 'appeal1').credentials;
    const seen = await readDoc(server, `commission:${commissionId}`, appeal1, (c) => ({
      candidates: [...c.map('candidates').keys()],
      marks: c.map('marks').size,
      texts: c.map('texts').size,
      finals: c.map('finals').size,
    }));
    expect(seen).toEqual({ candidates: ['104'], marks: 0, texts: 0, finals: 0 });
    const record = await readDoc(server, `appeal:${appealId}`, appeal1, (c) => c.map('record').get('appeal'));
    expect(record).toMatchObject({ candidate: '104', commissionId, status: 'grading' });
    expect(JSON.stringify(record)).not.toContain('Q5 deserves');
    for (const ordinary of ['examiner1', 'examiner2']) {
      const credentials = user(users, ordinary).credentials;
      expect(await upgradeStatus(`${server.syncUrl}/commission:${commissionId}`, credentials)).toBe(403);
      expect(await upgradeStatus(`${server.syncUrl}/appeal:${appealId}`, credentials)).toBe(403);
    }

    // R7: appeal1 (external) and examiner3 (internal) disagree; the external's grade is registered.
    const path = (name: string) => `/api/commissions/${commissionId}/candidates/104/${name}`;
    expect((await user(users, 'examiner3').http.post(path('confirm'), { grade: 'C' })).status).toBe(200);
    expect((await user(users, 'appeal1').http.post(path('confirm'), { grade: 'D' })).status).toBe(200);
    const registered = await user(users, 'examiner3').http.post(path('register'));
    expect(JSON.parse(registered.text)).toEqual({ ok: true, grade: 'D' });
    // Same grade as the ordinary one (D): decided, no third grading.
    const { appeals } = await user(users, 'coordinator').http.json<{
      appeals: Array<Record<string, unknown>>;
    }>(`/api/exams/${inf1010}/appeals`);
    expect(appeals.find((a) => a.appealId === appealId)).toMatchObject({
      status: 'decided',
      finalGrade: 'D',
      reasons: 'Q5 deserves more points.',
    });
    expect(appeals.find((a) => a.appealId === appealId)?.thirdCommissionId).toBeUndefined();
  });
});
