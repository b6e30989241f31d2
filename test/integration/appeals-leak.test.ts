import { randomInt } from 'node:crypto';
import { markKey, textKey } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gradeCandidate,
  type Http,
  httpAs,
  inf1010,
  prepareDataDir,
  Recorder,
  RecordingClient,
  randomToken,
  refusedUpgrade,
} from './appeals-setup.ts';
import { TestClient } from './helpers/clients.ts';
import { login, removeDataDir, type ServerProcess, startServer } from './helpers/server.ts';

/**
 * R9, end to end against the real server: the ordinary grading of candidate 120 is filled with canaries
 * that are new every run (explanation, comment, private notes, points with an unusual pattern, the
 * ordinary examiners' names and ids, the commission's name, the candidate's reasons). Then each appeal
 * examiner calls every endpoint of the API (read from the server's own OpenAPI document, with every
 * identifier they might try) and opens every document they may, with real y-websocket clients, while the
 * ordinary examiners are present and still writing. Every WebSocket frame and every HTTP response
 * (status, headers, body, refusals included) is recorded; no canary may occur in any byte. After their
 * grade (two steps from the ordinary one) opens a third grading, the appeal examiner in it receives by R10
 * the ordinary explanation and the ordinary examiner's identity and nothing else; the other still nothing.
 */
const candidate = '120';
const manualQuestions = ['q3', 'q4', 'q5', 'q6', 'q7', 'q8'];

const canaries = {
  explanation: randomToken('CanaryExplanation'),
  comment: randomToken('CanaryComment'),
  laterComment: randomToken('CanaryLaterComment'),
  note1: randomToken('CanaryNoteOne'),
  note2: randomToken('CanaryNoteTwo'),
  reasons: randomToken('CanaryReasons'),
  name1: `Ingrid ${randomToken('Canary')}`,
  name2: `Tor ${randomToken('Canary')}`,
  id1: randomToken('o'),
  id2: randomToken('o'),
  commissionName: randomToken('KCanary'),
};
/** Six decimals drawn per run: encoded as float64 in Yjs and as this exact text in JSON. */
const points = manualQuestions.map(() => Number(`${randomInt(1, 9)}.${randomInt(100_000, 999_999)}`));
const privatePoints = manualQuestions.map(() => Number(`${randomInt(1, 9)}.${randomInt(100_000, 999_999)}`));

const encode = (s: string) => new TextEncoder().encode(s);
const float64 = (value: number, littleEndian: boolean) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, littleEndian);
  return bytes;
};
const needles = [
  ...Object.entries(canaries).map(([label, value]) => ({ label, bytes: encode(value) })),
  ...[...points, ...privatePoints].flatMap((value) => [
    { label: `points ${value}`, bytes: encode(String(value)) },
    { label: `points ${value} (float64 BE)`, bytes: float64(value, false) },
    { label: `points ${value} (float64 LE)`, bytes: float64(value, true) },
  ]),
];

const product = (lists: string[][]): string[][] =>
  lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);

describe('appeals leak', () => {
  let server: ServerProcess;
  let dataDir: string;
  const ordinaryId = randomToken('K');
  let appealId = '';
  let appealCommissionId = '';
  /** The ordinary examiners stay connected and present throughout. */
  const ordinaryClients: TestClient[] = [];
  let o1: Http;

  beforeAll(async () => {
    dataDir = await prepareDataDir({
      ordinary: {
        commissionId: ordinaryId,
        name: canaries.commissionName,
        candidate,
        examiners: [
          { userId: canaries.id1, displayName: canaries.name1, affiliation: 'internal' },
          { userId: canaries.id2, displayName: canaries.name2, affiliation: 'external' },
        ],
      },
    });
    server = await startServer({ dataDir });
    const [c1, c2, coordinator] = await Promise.all([
      login(server, canaries.id1),
      login(server, canaries.id2),
      login(server, 'coordinator'),
    ]);
    o1 = httpAs(server.origin, c1, null);
    const o2 = httpAs(server.origin, c2, null);

    // The ordinary grading, through the same documents and actions the web app uses.
    const shared = new TestClient(server.syncUrl, `commission:${ordinaryId}`, c1);
    const private1 = new TestClient(server.syncUrl, `private:${ordinaryId}:${canaries.id1}`, c1);
    const private2 = new TestClient(server.syncUrl, `private:${ordinaryId}:${canaries.id2}`, c2);
    const exam1 = new TestClient(server.syncUrl, `exam:${inf1010}`, c1);
    const exam2 = new TestClient(server.syncUrl, `exam:${inf1010}`, c2);
    ordinaryClients.push(shared, private1, private2, exam1, exam2);
    await Promise.all(ordinaryClients.map((c) => c.whenSynced()));
    shared.doc.transact(() => {
      manualQuestions.forEach((q, i) => {
        shared.map('marks').set(markKey(candidate, q), points[i]);
      });
      shared.map('texts').set(textKey(candidate, 'explanation'), canaries.explanation);
      shared.map('texts').set(textKey(candidate, 'comment'), canaries.comment);
    });
    private1.doc.transact(() => {
      manualQuestions.forEach((q, i) => {
        private1.map('marks').set(markKey(candidate, q), privatePoints[i]);
      });
      private1.map('notes').set(candidate, canaries.note1);
    });
    private2.map('notes').set(candidate, canaries.note2);
    await Promise.all([shared.whenSaved(), private1.whenSaved(), private2.whenSaved()]);
    // Presence wherever the ordinary examiners are, the shared exam document included.
    for (const [client, id, name] of [
      [shared, canaries.id1, canaries.name1],
      [exam1, canaries.id1, canaries.name1],
      [exam2, canaries.id2, canaries.name2],
    ] as const) {
      client.provider.awareness.setLocalState({ user: { id, name }, candidate, question: 'q3' });
    }
    const registered = await gradeCandidate([o1, o2], ordinaryId, candidate, 'C');
    expect(registered.status).toBe(200);

    const appeal = await httpAs(server.origin, coordinator, null).post(`/api/exams/${inf1010}/appeals`, {
      candidate,
      reasons: `I disagree with the grade. ${canaries.reasons}`,
      members: [
        { userId: 'appeal1', affiliation: 'external' },
        { userId: 'appeal2', affiliation: 'internal' },
      ],
    });
    expect(appeal.status, appeal.text).toBe(201);
    ({ appealId, commissionId: appealCommissionId } = JSON.parse(appeal.text) as {
      appealId: string;
      commissionId: string;
    });
  });

  afterAll(async () => {
    for (const client of ordinaryClients) client.destroy();
    await server?.stop();
    if (dataDir !== undefined) removeDataDir(dataDir);
  });

  /** Every route of the server's OpenAPI document with every identifier an appeal examiner might try. */
  const crawlApi = async (http: Http) => {
    const spec = await http.json<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    const values: Record<string, string[]> = {
      examId: [inf1010, 'exphil03', 'nope'],
      commissionId: [ordinaryId, 'K1', appealCommissionId, 'nope'],
      candidate: [candidate, '104', '999'],
      questionId: ['q3', 'q8', 'nope'],
      importId: ['nope'],
      appealId: [appealId, 'nope'],
      format: ['csv', 'xlsx'],
    };
    const body = {
      grade: 'A',
      reason: 'crawl',
      reasons: 'crawl',
      candidate,
      userId: 'appeal1',
      attended: true,
      members: [{ userId: 'appeal1', affiliation: 'external' }],
    };
    const answers = new Map<string, { status: number; text: string }>();
    for (const [template, methods] of Object.entries(spec.paths)) {
      const full = template.startsWith('/api') ? template : `/api${template}`;
      if (full.startsWith('/api/session') || full.startsWith('/api/oidc')) continue;
      const names = [...full.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      for (const method of Object.keys(methods)) {
        for (const combo of product(names.map((n) => values[n] ?? ['x']))) {
          // Their own commission's actions are the grading itself, done below as a real examiner would.
          if (method !== 'get' && combo.includes(appealCommissionId)) continue;
          const path = names.reduce((p, n, i) => p.replace(`{${n}}`, combo[i] ?? ''), full);
          answers.set(
            `${method} ${path}`,
            await http.call(method.toUpperCase(), path, method === 'get' ? undefined : body),
          );
        }
      }
    }
    expect(answers.size).toBeGreaterThan(50);
    return answers;
  };

  /** Opens every listed document with a recording client; returns them open (closed by the caller). */
  const openListedDocs = async (
    http: Http,
    credentials: { cookie: string; origin: string },
    recorder: Recorder,
  ) => {
    const { docs } = await http.json<{ docs: Array<{ name: string }> }>('/api/docs');
    const clients = docs.map((d) => new RecordingClient(server.syncUrl, d.name, credentials, recorder));
    await Promise.all(clients.map((c) => c.synced()));
    return clients;
  };

  const forbiddenDocs = (self: string) => [
    [`commission:${ordinaryId}`, 'commission:nope'],
    ['commission:K1', 'commission:nope'],
    [`private:${ordinaryId}:${self}`, `private:nope:${self}`],
    [`private:${ordinaryId}:${canaries.id1}`, `private:nope:${canaries.id1}`],
    [`exam:exphil03`, 'exam:nope'],
    [`progress:${inf1010}`, 'progress:nope'],
    ['commission:K2', 'commission:nope'],
    [`private:K1:${self}`, `private:nope:${self}`],
  ];

  it('R9 no canary of the ordinary grading reaches an appeal examiner by any endpoint, document, presence or refusal', async () => {
    const examiners = ['appeal1', 'appeal2'] as const;
    const recorders = { appeal1: new Recorder(), appeal2: new Recorder() };
    const sessions = {
      appeal1: await login(server, 'appeal1'),
      appeal2: await login(server, 'appeal2'),
    };
    const http = {
      appeal1: httpAs(server.origin, sessions.appeal1, recorders.appeal1),
      appeal2: httpAs(server.origin, sessions.appeal2, recorders.appeal2),
    };
    const open: RecordingClient[] = [];

    for (const user of examiners) {
      const recorder = recorders[user];
      const me = await http[user].json<{ userId: string }>('/api/me');
      expect(me.userId).toBe(user);
      const clients = await openListedDocs(http[user], sessions[user], recorder);
      // Their own appeal's documents (the demo's A1 for 103 too, where they are the appeal examiners).
      expect(clients.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          `appeal:${appealId}`,
          `commission:${appealCommissionId}`,
          `exam:${inf1010}`,
          `private:${appealCommissionId}:${user}`,
        ]),
      );
      expect(clients.map((c) => c.name).filter((n) => n.includes(ordinaryId))).toEqual([]);
      for (const c of clients) c.provider.awareness.setLocalState({ user: { id: user }, candidate });
      open.push(...clients);

      // What they may see: the answer of their one candidate.
      const answers = await http[user].json<{ answers: Array<{ text: string }> }>(
        `/api/exams/${inf1010}/answers/${candidate}`,
      );
      expect(answers.answers.length).toBe(8);

      // Refusals look the same whether or not the thing exists.
      for (const [existing, missing] of forbiddenDocs(user)) {
        const a = await refusedUpgrade(`${server.syncUrl}/${existing}`, sessions[user], recorder);
        const b = await refusedUpgrade(`${server.syncUrl}/${missing}`, sessions[user], recorder);
        expect(a.status, existing).toBe(403);
        expect(a, existing).toEqual(b);
      }
      const api = await crawlApi(http[user]);
      const same = (key: string, from: string, to: string) => {
        if (!key.includes(from)) return;
        const twin = api.get(key.replace(from, to));
        if (twin !== undefined) expect(api.get(key), key).toEqual(twin);
      };
      for (const key of api.keys()) {
        same(key, `/commissions/${ordinaryId}/`, '/commissions/nope/');
        same(key, '/commissions/K1/', '/commissions/nope/');
        same(key, '/exams/exphil03/', '/exams/nope/');
        same(key, '/candidates/104/', '/candidates/999/');
        same(key, '/answers/104', '/answers/999');
      }
    }

    // The ordinary examiners go on working while the appeal examiners are connected (their grade is locked).
    const [shared, private1] = ordinaryClients;
    private1?.map('notes').set(candidate, `${canaries.note1} ${canaries.laterComment}`);
    shared?.provider.awareness.setLocalState({
      user: { id: canaries.id1, name: canaries.name1 },
      candidate,
      question: 'q4',
    });
    await private1?.whenSaved();

    // The blind re-grading itself: marks and an explanation in their own commission, confirm, register.
    // A is two steps from the ordinary C, so a third grading opens (R10).
    const appealDoc = open.find((c) => c.name === `commission:${appealCommissionId}`);
    appealDoc?.doc.transact(() => {
      appealDoc.doc.getMap('marks').set(markKey(candidate, 'q3'), 7);
      appealDoc.doc.getMap('texts').set(textKey(candidate, 'explanation'), 'Appeal: excellent throughout.');
    });
    const registered = await gradeCandidate([http.appeal1, http.appeal2], appealCommissionId, candidate, 'A');
    expect(registered.status, registered.text).toBe(200);
    expect(JSON.parse(registered.text)).toEqual({ ok: true, grade: 'A' });
    for (const c of open) c.destroy();
    for (const user of examiners) {
      expect(recorders[user].byteCount).toBeGreaterThan(10_000);
      expect(recorders[user].find(needles), `${user} received a canary while grading blind`).toEqual([]);
    }

    // After their grade: the third grading (UiO) is the ordinary examiner (o1, internal) and appeal1
    // (external). appeal1 now receives, by R10, the ordinary explanation and o1's identity; nothing else.
    // appeal2, outside it, still receives nothing.
    const after = { appeal1: new Recorder(), appeal2: new Recorder() };
    const allowedInThird = new Set(['explanation', 'name1', 'id1']);
    for (const user of examiners) {
      const h = httpAs(server.origin, sessions[user], after[user]);
      const clients = await openListedDocs(h, sessions[user], after[user]);
      const names = clients.map((c) => c.name);
      expect(names.some((n) => n.startsWith('commission:') && n.endsWith(`-T-${candidate}`))).toBe(
        user === 'appeal1',
      );
      await crawlApi(h);
      for (const c of clients) c.destroy();
    }
    expect(after.appeal2.find(needles), 'appeal2 received a canary').toEqual([]);
    const third = after.appeal1.find(needles).map((hit) => hit.split(' in ')[0] ?? '');
    expect(third.filter((label) => !allowedInThird.has(label))).toEqual([]);
    // The control for this phase: the third grading did receive the ordinary explanation.
    expect(third).toContain('explanation');
  });

  it('R9 the leak check finds the canaries where they belong (the ordinary examiner, the coordinator)', async () => {
    // A control: the same recording and search, run where the canaries must appear.
    const recorder = new Recorder();
    const credentials = await login(server, canaries.id1);
    const client = await new RecordingClient(
      server.syncUrl,
      `commission:${ordinaryId}`,
      credentials,
      recorder,
    ).synced();
    const priv = await new RecordingClient(
      server.syncUrl,
      `private:${ordinaryId}:${canaries.id1}`,
      credentials,
      recorder,
    ).synced();
    client.destroy();
    priv.destroy();
    const coordinator = httpAs(server.origin, await login(server, 'coordinator'), recorder);
    await coordinator.get(`/api/exams/${inf1010}/appeals`);
    const found = new Set(recorder.find(needles).map((hit) => hit.split(' in ')[0]));
    for (const label of ['explanation', 'note1', 'name1', 'id1', 'commissionName', 'reasons']) {
      expect(found, label).toContain(label);
    }
    for (const value of [...points, ...privatePoints])
      expect(found).toContain(`points ${value} (float64 BE)`);
  });
});
