import { docSchemas, type ServerMessage } from '@cograde/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isSyncStep1, RawClient, TestClient } from './test-client.ts';
import { hostileFrames, mayBeSilent, updateIn } from './test-frames.ts';
import { startTestServer, type TestServer } from './test-kit.ts';

/**
 * Malformed and hostile frames against a real sync service over a real socket: every frame is answered
 * (an error, a refusal, or for a mutation that happens to be a legal edit an ack), the server never
 * crashes, and the stored document is exactly the old one plus the acknowledged updates.
 */

let server: TestServer;
const logged: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ limits: { updateBytes: 4096 }, log: (message) => logged.push(message) });
});
afterAll(async () => {
  await server.close();
});

const json = (doc: Y.Doc) =>
  Object.fromEntries(Object.keys(docSchemas.commission).map((root) => [root, doc.getMap(root).toJSON()]));

const stored = async (name: string) => {
  const doc = new Y.Doc();
  for (const update of await server.store.load(name)) Y.applyUpdate(doc, update);
  return doc;
};

describe('sync service under hostile frames', () => {
  it('answers 3000 malformed and illegal frames, stays up and stores only what it acknowledged', {
    timeout: 120_000,
  }, async () => {
    const credentials = { cookie: `cograde_session=${server.sessions.login('ex1')}`, origin: server.origin };
    const before = await stored('commission:k1');
    const expected = new Y.Doc();
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(before));
    const raw = await new RawClient(server.url, 'commission:k1', credentials).opened();
    const answered: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(hostileFrames(Y.encodeStateAsUpdate(before), 5000), async (sent) => {
        const replies: ServerMessage[] = await raw.exchange(sent);
        expect(raw.closed).toBe(false);
        const kinds = replies.map((m) => m.type).filter((t) => t !== 'access');
        for (const kind of kinds) answered[kind] = (answered[kind] ?? 0) + 1;
        const update = updateIn(sent);
        if (update !== null) {
          expect(kinds.length, 'an update frame is answered').toBeGreaterThan(0);
          if (kinds.includes('ack')) Y.applyUpdate(expected, update);
        } else if (!mayBeSilent(sent) && !isSyncStep1(sent)) {
          expect(kinds, 'a malformed frame gets an error').toContain('error');
        }
      }),
      { numRuns: 3000 },
    );
    raw.close();

    // Still up, and still takes a legal edit.
    const client = await new TestClient(server.url, 'commission:k1', credentials).whenSynced();
    client.map('marks').set('102:q1', 6);
    await client.whenSaved();
    expected.getMap('marks').set('102:q1', 6);
    client.destroy();

    expect(json(await stored('commission:k1'))).toEqual(json(expected));
    // The server's own safety nets (an accepted update Yjs would not apply at once) never had to act.
    expect(logged.filter((m) => /slipped through|failed to apply|failed on/.test(m))).toEqual([]);
    expect(answered.error ?? 0).toBeGreaterThan(500);
    expect(answered.refused ?? 0).toBeGreaterThan(500);
  });
});
