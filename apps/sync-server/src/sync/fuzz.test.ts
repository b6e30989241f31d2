import { checkChange, docSchemas, type ServerMessage } from '@cograde/domain';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RawClient, TestClient } from './test-client.ts';
import { exam, startTestServer, type TestServer } from './test-kit.ts';

/**
 * Malformed and hostile frames against a real sync service over a real socket: the server answers each
 * with an error or a refusal (or, for a mutation that happens to be a legal edit, an ack), never
 * crashes, and nothing illegal ever reaches storage.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { updateBytes: 4096 } });
});
afterAll(async () => {
  await server.close();
});

const frame = (type: number, ...parts: Array<number | Uint8Array>) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
};

/** Updates a client could send against the server's current state: mostly illegal ones. */
const illegalEdits: Array<(doc: Y.Doc) => void> = [
  (doc) => doc.getMap('marks').set('101:q2', 5), // R4: q2 is ex2's
  (doc) => doc.getMap('marks').set('101:q1', 11), // above the maximum
  (doc) => doc.getMap('marks').set('999:q1', 1), // no such candidate
  (doc) => doc.getMap('finals').set('101', { grade: 'A' }), // server-only
  (doc) => doc.getMap('texts').set('101:comment', new Y.Text('nested')),
  (doc) => doc.getArray('marks2').insert(0, [1]),
  (doc) => doc.getMap('info').delete('commission'),
  (doc) => doc.getMap('marks').set('101:q1', 'ten'),
  (doc) => doc.getMap('notes').set('101', 'a private note in the shared document'),
];

const updateFrom = (base: Uint8Array, edit: number) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => illegalEdits[edit % illegalEdits.length]?.(doc));
  return Y.encodeStateAsUpdate(doc, before);
};

const mutate = (bytes: Uint8Array, flips: Array<[number, number]>, cut: number) => {
  const out = bytes.slice(0, Math.max(1, bytes.length - cut));
  for (const [at, value] of flips) out[at % out.length] = value;
  return out;
};

const framesArbitrary = (base: Uint8Array) =>
  fc.oneof(
    fc.uint8Array({ maxLength: 80 }),
    fc
      .tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 80 }))
      .map(([sub, bytes]) => frame(0, sub, bytes)),
    fc
      .tuple(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.nat({ max: 4 }),
        fc.constantFrom(1, 2),
      )
      .map(([edit, flips, cut, sub]) => frame(0, sub, mutate(updateFrom(base, edit), flips, cut))),
    fc.nat().map((edit) => frame(0, 2, updateFrom(base, edit))),
    fc.jsonValue({ maxDepth: 3 }).map((state) => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, 12345);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, JSON.stringify(state));
      return frame(1, encoding.toUint8Array(update));
    }),
    fc.uint8Array({ minLength: 5000, maxLength: 6000 }).map((bytes) => frame(0, 2, bytes)),
    fc.integer({ min: 4, max: 1000 }).map((type) => frame(type, new Uint8Array([1, 2, 3]))),
  );

const snapshot = (doc: Y.Doc) =>
  Object.fromEntries(Object.keys(docSchemas.commission).map((root) => [root, doc.getMap(root).toJSON()]));

describe('sync service under malformed frames', () => {
  it('answers thousands of malformed and illegal frames without crashing or storing anything illegal', {
    timeout: 120_000,
  }, async () => {
    const credentials = { cookie: `cograde_session=${server.sessions.login('ex1')}`, origin: server.origin };
    const stored = async () => {
      const doc = new Y.Doc();
      for (const update of await server.store.load('commission:k1')) Y.applyUpdate(doc, update);
      return doc;
    };
    const base = Y.encodeStateAsUpdate(await stored());
    const before = snapshot(await stored());
    const raw = await new RawClient(server.url, 'commission:k1', credentials).opened();
    const answered: Record<string, number> = {};
    let silent = 0;
    await fc.assert(
      fc.asyncProperty(framesArbitrary(base), async (sent) => {
        const replies: ServerMessage[] = await raw.exchange(sent);
        expect(raw.closed).toBe(false);
        const kinds = replies.map((m) => m.type).filter((t) => t !== 'access');
        for (const kind of kinds) answered[kind] = (answered[kind] ?? 0) + 1;
        if (sent[0] === 0 && (sent[1] === 1 || sent[1] === 2)) {
          expect(kinds.length, 'an update frame gets an answer').toBeGreaterThan(0);
        } else if (kinds.length === 0) {
          silent++;
        }
      }),
      { numRuns: 3000 },
    );
    raw.close();

    // The server is up and still takes a legal edit.
    const client = await new TestClient(server.url, 'commission:k1', credentials).whenSynced();
    client.map('marks').set('102:q1', 6);
    await client.whenSaved();
    client.destroy();

    const after = await stored();
    const { marks, texts, ...serverRoots } = snapshot(after);
    const { marks: _m, texts: _t, ...serverRootsBefore } = before;
    expect(serverRoots, 'server-written parts never change').toEqual(serverRootsBefore);
    const ctx = {
      kind: 'commission' as const,
      actorId: 'ex1',
      exam,
      commission: after.getMap('info').get('commission') as never,
      candidates: new Map(Object.entries(serverRoots.candidates ?? {})) as never,
      locked: new Set<string>(),
    };
    for (const [root, entries] of Object.entries({ marks, texts })) {
      for (const [key, value] of Object.entries(entries ?? {})) {
        expect(checkChange(ctx, { root, key, value, deleted: false }), `${root}/${key}`).toMatchObject({
          ok: true,
        });
      }
    }
    expect(after.share.size).toBeLessThanOrEqual(Object.keys(docSchemas.commission).length);
    expect(answered.error ?? 0).toBeGreaterThan(500);
    expect(answered.refused ?? 0).toBeGreaterThan(500);
    expect(silent).toBeLessThan(3000);
  });
});
