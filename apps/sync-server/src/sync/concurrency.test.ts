import { checkChange, describeUpdate, docSchemas, type WriteContext } from '@cograde/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestClient, until } from './test-client.ts';
import { exam, startTestServer, type TestServer } from './test-kit.ts';

/**
 * Two examiners edit the same commission document at random, going offline and back, while the server
 * registers final grades (locks) in between. Whatever the interleaving, the stored log holds only
 * updates that were legal for their author at the point they were stored (R4 split, R6 locks), and every
 * client that was not refused ends with exactly the server's content.
 */
type Op =
  | { kind: 'mark'; who: 0 | 1; candidate: string; question: string; points: number }
  | { kind: 'text'; who: 0 | 1; candidate: string; text: string }
  | { kind: 'offline' | 'online'; who: 0 | 1 }
  | { kind: 'lock'; candidate: string };

const candidate = fc.constantFrom('101', '102', '103');
const who = fc.constantFrom(0 as const, 1 as const);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('mark' as const),
      who,
      candidate,
      question: fc.constantFrom('q1', 'q2'),
      points: fc.integer({ min: 0, max: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      who,
      candidate,
      text: fc.string({ maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const), candidate }) },
);

const users = ['ex1', 'ex2'] as const;

const connect = (server: TestServer, userId: string) =>
  new TestClient(server.url, 'commission:k1', {
    cookie: `cograde_session=${server.sessions.login(userId)}`,
    origin: server.origin,
  }).whenSynced();

/** Replays the stored log in order and checks every client update against the rules as they stood then. */
const checkLog = (log: Uint8Array[], owners: Map<number, string>) => {
  const doc = new Y.Doc();
  for (const update of log) {
    const clients = new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));
    const authors = new Set([...clients].map((c) => owners.get(c)).filter((u) => u !== undefined));
    if (authors.size > 0) {
      expect(authors.size, 'one stored client update has one author').toBe(1);
      const actorId = [...authors][0] as string;
      const ctx: WriteContext = {
        kind: 'commission',
        actorId,
        exam,
        commission: doc.getMap('info').get('commission') as never,
        candidates: new Map(Object.entries(doc.getMap('candidates').toJSON())) as never,
        locked: new Set(doc.getMap('finals').keys()),
      };
      const described = describeUpdate(doc, update);
      expect(described.ok).toBe(true);
      if (described.ok) {
        for (const change of described.changes) {
          expect(checkChange(ctx, change), `${actorId} ${change.root}/${change.key}`).toMatchObject({
            ok: true,
          });
        }
      }
    }
    Y.applyUpdate(doc, update);
  }
  return doc;
};

/** The document's content as sorted text, so that two documents with the same entries compare equal. */
const content = (doc: Y.Doc) =>
  JSON.stringify(
    Object.keys(docSchemas.commission).map((root) =>
      Object.entries(doc.getMap(root).toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    ),
  );

describe('concurrent editing with locks', () => {
  it('R4 R6 stores only what was legal when it was stored, and clients that were not refused converge', {
    timeout: 180_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const server = await startTestServer();
        const owners = new Map<number, string>();
        const clients: TestClient[] = [];
        const track = (client: TestClient, userId: string) => {
          owners.set(client.doc.clientID, userId);
          return client;
        };
        try {
          for (const [i, userId] of users.entries())
            clients[i] = track(await connect(server, userId), userId);
          for (const step of ops) {
            if (step.kind === 'lock') {
              await server.service.writer.transact('commission:k1', (doc) =>
                doc.getMap('finals').set(step.candidate, {
                  grade: 'C',
                  registeredBy: 'ex2',
                  registeredAt: '2026-11-23T11:00:00.000Z',
                  source: 'commission',
                }),
              );
              continue;
            }
            let client = clients[step.who] as TestClient;
            if (client.of('refused').length > 0) {
              // What the web app does after a refusal: start again from the server's state.
              client.destroy();
              client = track(await connect(server, users[step.who]), users[step.who]);
              clients[step.who] = client;
            }
            if (step.kind === 'offline') client.provider.disconnect();
            else if (step.kind === 'online') client.provider.connect();
            else if (step.kind === 'mark')
              client.map('marks').set(`${step.candidate}:${step.question}`, step.points);
            else if (step.kind === 'text') client.map('texts').set(`${step.candidate}:comment`, step.text);
          }
          for (const client of clients) client.provider.connect();
          await Promise.all(clients.map((c) => c.whenSynced()));
          // Settle: every client is either fully acknowledged or has been refused.
          await until(() => clients.every((c) => c.saved || c.of('refused').length > 0), 'clients to settle');
          const stored = checkLog(await server.store.load('commission:k1'), owners);
          for (const client of clients) {
            if (client.of('refused').length > 0) continue;
            await until(() => content(client.doc) === content(stored), 'a client to converge');
          }
        } finally {
          for (const client of clients) client?.destroy();
          await server.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
