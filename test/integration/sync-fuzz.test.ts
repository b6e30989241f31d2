import { docSchemas, type ServerMessage } from '@cograde/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hostileFrames, mayBeSilent, updateIn } from '../../apps/sync-server/src/sync/test-frames.ts';
import { isSyncStep1, RawClient, TestClient } from './helpers/clients.ts';
import { login, removeDataDir, type ServerProcess, startServer } from './helpers/server.ts';

/**
 * More than 10,000 random, mutated and rule-breaking frames and Yjs updates against the running server
 * process, over real sockets, as a member who may write the document: the server stays up, answers every
 * frame with an error or a refusal (or an ack for a mutation that happens to be a legal edit), and what
 * it stores afterwards — read back after a restart — is exactly the old document plus what it acknowledged.
 */
let server: ServerProcess;
let credentials: { cookie: string; origin: string };

beforeAll(async () => {
  server = await startServer();
  credentials = await login(server, 'examiner1');
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (server) removeDataDir(server.dataDir);
});

const read = async (name: string, as = credentials) => {
  const client = await new TestClient(server.syncUrl, name, as).whenSynced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return doc;
};

const json = (doc: Y.Doc) =>
  Object.fromEntries(Object.keys(docSchemas.commission).map((root) => [root, doc.getMap(root).toJSON()]));

describe('fuzzing the running server', () => {
  it('answers 10,000 hostile frames, stays up and changes nothing it did not acknowledge', {
    timeout: 600_000,
  }, async () => {
    const name = 'commission:K1';
    const before = await read(name);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(before));
    const base = Y.encodeStateAsUpdate(before);
    const answered: Record<string, number> = {};
    let frames = 0;
    // Several connections, so a connection's own state (resync requests, presence ids) does not hide anything.
    for (let round = 0; round < 4; round++) {
      const raw = await new RawClient(server.syncUrl, name, credentials).opened();
      await fc.assert(
        fc.asyncProperty(hostileFrames(base, 2 * 1024 * 1024 + 1), async (sent) => {
          frames++;
          const replies: ServerMessage[] = await raw.exchange(sent);
          expect(raw.closed, 'the connection stays open').toBe(false);
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
        { numRuns: 2600, seed: 4242 + round },
      );
      raw.close();
    }
    expect(frames).toBeGreaterThanOrEqual(10_000);
    // The server's own safety nets (an accepted update Yjs would not apply at once) never had to act.
    expect(server.output()).not.toMatch(/slipped through|failed to apply|could not handle/);
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
    expect(json(await read(name))).toEqual(json(expected));

    // What is on disk is the same: restart and read again.
    await server.stop('SIGTERM');
    server = await startServer({ dataDir: server.dataDir });
    credentials = await login(server, 'examiner1');
    expect(json(await read(name))).toEqual(json(expected));
    // The refusals that had content to keep are in the author's private document, nowhere else.
    const own = await read('private:K1:examiner1');
    expect(own.getMap('refused').size).toBeGreaterThan(0);
    const peer = await read('private:K1:examiner2', await login(server, 'examiner2'));
    expect(peer.getMap('refused').size).toBe(0);
    expect(answered.refused ?? 0).toBeGreaterThan(1000);
    expect(answered.error ?? 0).toBeGreaterThan(1000);
  });
});
