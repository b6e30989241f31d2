import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Change } from './check-change.ts';
import { describeUpdate } from './describe-update.ts';

/** A server document and a client that has synced it, as they are after a connect. */
const setup = (init: (doc: Y.Doc) => void = () => {}) => {
  const server = new Y.Doc();
  server.transact(() => init(server));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
};

/** What the client's local change `edit` sends: the update it emits. */
const edit = (client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array => {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array) => updates.push(update);
  client.on('update', listen);
  client.transact(() => change(client));
  client.off('update', listen);
  return Y.mergeUpdates(updates);
};

const described = (server: Y.Doc, update: Uint8Array): Change[] => {
  const result = describeUpdate(server, update);
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.detail ?? ''}`);
  return result.changes;
};

const keyed = (changes: Change[]) =>
  changes.map((c) => `${c.root}/${c.key}${c.deleted ? ' deleted' : `=${JSON.stringify(c.value)}`}`);

describe('describeUpdate', () => {
  it('names the root map, key and value of a new entry', () => {
    const { server, client } = setup();
    const update = edit(client, (doc) => doc.getMap('marks').set('101:q1', 4));
    expect(keyed(described(server, update))).toEqual(['marks/101:q1=4']);
  });

  it('resolves an overwrite through its origin in the server document', () => {
    const { server, client } = setup((doc) => doc.getMap('marks').set('101:q1', 2));
    const update = edit(client, (doc) => doc.getMap('marks').set('101:q1', 5));
    const { structs } = Y.decodeUpdate(update);
    expect((structs[0] as Y.Item).parent, 'the parent is left out and follows from the origin').toBeNull();
    expect(keyed(described(server, update))).toEqual(['marks/101:q1=5']);
  });

  it('resolves an overwrite on a root the server document only knows from updates', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    Y.applyUpdate(
      server,
      edit(client, (doc) => doc.getMap('texts').set('101:comment', 'a')),
    );
    expect(server.share.get('texts')?.constructor).toBe(Y.AbstractType);
    const update = edit(client, (doc) => doc.getMap('texts').set('101:comment', 'b'));
    expect(keyed(described(server, update))).toEqual(['texts/101:comment="b"']);
    const removal = edit(client, (doc) => doc.getMap('texts').delete('101:comment'));
    Y.applyUpdate(server, update);
    expect(keyed(described(server, removal))).toEqual(['texts/101:comment deleted']);
  });

  it('resolves deletions against the server document', () => {
    const { server, client } = setup((doc) => {
      doc.getMap('marks').set('101:q1', 2);
      doc.getMap('texts').set('101:comment', 'good');
    });
    const update = edit(client, (doc) => doc.getMap('texts').delete('101:comment'));
    expect(keyed(described(server, update))).toEqual(['texts/101:comment deleted']);
  });

  it('lists every write of an offline session, overwritten ones as deletions', () => {
    const { server, client } = setup((doc) => doc.getMap('marks').set('102:q2', 1));
    const updates = [
      edit(client, (doc) => doc.getMap('marks').set('101:q1', 1)),
      edit(client, (doc) => doc.getMap('marks').set('101:q1', 2)),
      edit(client, (doc) => doc.getMap('marks').set('102:q2', 3)),
      edit(client, (doc) => doc.getMap('notes').set('101', 'x')),
    ];
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    const changes = keyed(described(server, update));
    expect(changes).toContain('marks/101:q1=2');
    expect(changes).toContain('marks/102:q2=3');
    expect(changes).toContain('notes/101="x"');
    // The same content sent update by update describes the same keys.
    const stepwise = new Set(
      updates.flatMap((u) => {
        const changes = described(server, u);
        Y.applyUpdate(server, u);
        return changes.map((c) => `${c.root}/${c.key}`);
      }),
    );
    expect([...stepwise].sort()).toEqual(['marks/101:q1', 'marks/102:q2', 'notes/101']);
  });

  it('describes nothing for structs the server already has', () => {
    const { server, client } = setup();
    const update = edit(client, (doc) => doc.getMap('marks').set('101:q1', 4));
    Y.applyUpdate(server, update);
    expect(described(server, update)).toEqual([]);
    expect(described(server, Y.encodeStateAsUpdate(client))).toEqual([]);
  });

  it('refuses an update that builds on changes the server has not seen', () => {
    const { server, client } = setup();
    edit(client, (doc) => doc.getMap('marks').set('101:q1', 4));
    const before = Y.encodeStateVector(client);
    const second = edit(client, (doc) => doc.getMap('marks').set('101:q1', 5));
    expect(Y.encodeStateVector(server)).not.toEqual(before);
    expect(describeUpdate(server, second)).toMatchObject({ ok: false, reason: 'missingDependencies' });
    // Yjs itself would keep it pending: that is what must never slip through.
    Y.applyUpdate(server, second);
    expect(server.store.pendingStructs).not.toBeNull();
  });

  it('refuses an update whose origin lives in another client the server has not seen', () => {
    const { server, client } = setup();
    const other = new Y.Doc();
    const first = edit(other, (doc) => doc.getMap('marks').set('101:q1', 1));
    Y.applyUpdate(client, first);
    const update = edit(client, (doc) => doc.getMap('marks').set('101:q1', 2));
    expect(describeUpdate(server, update)).toMatchObject({ ok: false, reason: 'missingDependencies' });
    expect(keyed(described(server, Y.mergeUpdates([first, update]))).sort()).toEqual([
      'marks/101:q1=1',
      'marks/101:q1=2',
    ]);
  });

  it('refuses a deletion of items the server has not seen', () => {
    const { server, client } = setup();
    const other = new Y.Doc();
    Y.applyUpdate(
      client,
      edit(other, (doc) => doc.getMap('texts').set('101:comment', 'a')),
    );
    const onlyDelete = edit(client, (doc) => doc.getMap('texts').delete('101:comment'));
    expect(describeUpdate(server, onlyDelete)).toMatchObject({ ok: false, reason: 'missingDependencies' });
  });

  it('refuses nested shared types', () => {
    const { server, client } = setup();
    const update = edit(client, (doc) => doc.getMap('marks').set('101:q1', new Y.Map()));
    expect(describeUpdate(server, update)).toMatchObject({ ok: false, reason: 'badValue' });
    const { server: s2, client: c2 } = setup((doc) =>
      doc.getMap('texts').set('101:comment', new Y.Text('a')),
    );
    const inner = edit(c2, (doc) => (doc.getMap('texts').get('101:comment') as Y.Text).insert(1, 'b'));
    expect(describeUpdate(s2, inner)).toMatchObject({ ok: false, reason: 'badValue' });
  });

  it('refuses array-like inserts into a root and roots of other types', () => {
    const { server, client } = setup();
    const asArray = edit(client, (doc) => doc.getArray('marks').insert(0, [1]));
    expect(describeUpdate(server, asArray)).toMatchObject({ ok: false, reason: 'badValue' });
    const text = edit(new Y.Doc(), (doc) => doc.getText('texts').insert(0, 'hi'));
    expect(describeUpdate(server, text).ok).toBe(false);
    const { server: withText } = setup((doc) => doc.getText('notes').insert(0, 'x'));
    const onText = edit(new Y.Doc(), (doc) => doc.getMap('notes').set('101', 'y'));
    expect(describeUpdate(withText, onText)).toMatchObject({ ok: false, reason: 'unknownRoot' });
  });

  it('refuses binary values and subdocuments', () => {
    const { server, client } = setup();
    const binary = edit(client, (doc) => doc.getMap('notes').set('101', new Uint8Array([1, 2])));
    expect(describeUpdate(server, binary)).toMatchObject({ ok: false, reason: 'badValue' });
    const subdoc = edit(new Y.Doc(), (doc) => doc.getMap('notes').set('101', new Y.Doc()));
    expect(describeUpdate(server, subdoc)).toMatchObject({ ok: false, reason: 'badValue' });
  });

  it('refuses what does not decode', () => {
    const { server } = setup();
    expect(describeUpdate(server, new Uint8Array([255, 255, 255]))).toMatchObject({
      ok: false,
      reason: 'undecodable',
    });
    expect(describeUpdate(server, new Uint8Array([]))).toMatchObject({ ok: false, reason: 'undecodable' });
  });

  it('accepts the empty update', () => {
    const { server } = setup();
    expect(described(server, Y.encodeStateAsUpdate(new Y.Doc()))).toEqual([]);
  });

  it('never throws, and whatever it accepts integrates at once touching only the keys it listed', () => {
    const base = setup((doc) => {
      const marks = doc.getMap('marks');
      marks.set('101:q1', 1);
      marks.set('102:q1', 2);
      doc.getMap('texts').set('101:comment', 'ok');
    });
    const ops = fc.array(
      fc.oneof(
        fc.record({
          op: fc.constant('set' as const),
          root: fc.constantFrom('marks', 'texts', 'x'),
          key: fc.constantFrom('101:q1', '102:q1', '101:comment', 'k'),
          value: fc.jsonValue(),
        }),
        fc.record({
          op: fc.constant('delete' as const),
          root: fc.constantFrom('marks', 'texts'),
          key: fc.constantFrom('101:q1', '102:q1', '101:comment'),
        }),
        fc.record({ op: fc.constant('array' as const), root: fc.constantFrom('marks', 'list') }),
      ),
      { minLength: 1, maxLength: 6 },
    );
    const mutation = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 });
    const snapshot = (doc: Y.Doc) => {
      const out = new Map<string, string>();
      for (const [root, type] of doc.share) {
        if (type instanceof Y.Map)
          for (const [key, value] of type.entries()) out.set(`${root}/${key}`, JSON.stringify(value));
      }
      return out;
    };
    fc.assert(
      fc.property(ops, mutation, fc.boolean(), (steps, flips, truncate) => {
        const client = new Y.Doc();
        Y.applyUpdate(client, Y.encodeStateAsUpdate(base.server));
        for (const step of steps) {
          client.transact(() => {
            if (step.op === 'set') client.getMap(step.root).set(step.key, step.value);
            else if (step.op === 'delete') client.getMap(step.root).delete(step.key);
            else client.getArray(`${step.root}List`).insert(0, [1]);
          });
        }
        const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(base.server));
        for (const [at, byte] of flips) if (update.length > 0) update[at % update.length] = byte;
        const sent = truncate ? update.subarray(0, Math.max(1, update.length - 3)) : update;
        const result = describeUpdate(base.server, sent);
        if (!result.ok) return;
        const target = new Y.Doc();
        Y.applyUpdate(target, Y.encodeStateAsUpdate(base.server));
        const before = snapshot(target);
        Y.applyUpdate(target, sent);
        expect(target.store.pendingStructs).toBeNull();
        expect(target.store.pendingDs).toBeNull();
        const after = snapshot(target);
        const listed = new Set(result.changes.map((c) => `${c.root}/${c.key}`));
        for (const key of new Set([...before.keys(), ...after.keys()])) {
          if (before.get(key) !== after.get(key)) expect(listed, key).toContain(key);
        }
        for (const [name, type] of target.share) {
          if (!(type instanceof Y.Map) && type._start !== null) expect.fail(`${name} written as a non-map`);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('refuses an update exactly when Yjs would keep part of it pending, whatever the order updates arrive in', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        who: fc.nat({ max: 2 }),
        root: fc.constantFrom('marks', 'texts'),
        key: fc.constantFrom('a', 'b', 'c'),
        value: fc.integer({ min: 0, max: 9 }),
      }),
      fc.record({
        kind: fc.constant('delete' as const),
        who: fc.nat({ max: 2 }),
        root: fc.constantFrom('marks', 'texts'),
        key: fc.constantFrom('a', 'b', 'c'),
      }),
      fc.record({ kind: fc.constant('sync' as const), who: fc.nat({ max: 2 }), to: fc.nat({ max: 2 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (ops, order) => {
          const { server } = setup((doc) => doc.getMap('marks').set('a', 1));
          const docs = [0, 1, 2].map(() => {
            const doc = new Y.Doc();
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
            return doc;
          });
          const updates: Uint8Array[] = [];
          for (const step of ops) {
            const doc = docs[step.who] as Y.Doc;
            if (step.kind === 'sync') {
              Y.applyUpdate(docs[step.to] as Y.Doc, Y.encodeStateAsUpdate(doc));
              continue;
            }
            const update = edit(doc, (d) => {
              if (step.kind === 'set') d.getMap(step.root).set(step.key, step.value);
              else d.getMap(step.root).delete(step.key);
            });
            if (update.length > 2) updates.push(update);
          }
          // Deliver in a shuffled order, retrying refused updates until nothing more gets in.
          const queue = [...updates];
          for (const [i, pick] of order.entries()) {
            const j = pick % queue.length;
            if (queue.length > 1)
              [queue[i % queue.length], queue[j]] = [
                queue[j] as Uint8Array,
                queue[i % queue.length] as Uint8Array,
              ];
          }
          let progress = true;
          while (progress && queue.length > 0) {
            progress = false;
            for (const update of [...queue]) {
              const result = describeUpdate(server, update);
              const clone = new Y.Doc();
              Y.applyUpdate(clone, Y.encodeStateAsUpdate(server));
              Y.applyUpdate(clone, update);
              const pending = clone.store.pendingStructs !== null || clone.store.pendingDs !== null;
              expect(result.ok, result.ok ? 'accepted but Yjs keeps part pending' : result.reason).toBe(
                !pending,
              );
              if (result.ok) {
                Y.applyUpdate(server, update);
                queue.splice(queue.indexOf(update), 1);
                progress = true;
              }
            }
          }
          expect(queue, 'every update gets in once its dependencies have').toEqual([]);
          // A genuine diff from any client is never refused.
          for (const doc of docs)
            expect(describeUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server))).ok).toBe(
              true,
            );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses an item that overlaps what the server has: Yjs would delete another entry with it', () => {
    const server = new Y.Doc();
    server.clientID = 1000;
    server.getMap('finals').set('101', { grade: 'A' });
    const update = crafted(
      [
        {
          client: 1000,
          clock: 0,
          structs: [{ kind: 'item', parent: 'texts', sub: '102:comment', any: ['a', 'b'] }],
        },
      ],
      [],
    );
    expect(describeUpdate(server, update)).toMatchObject({ ok: false, reason: 'badValue' });
    const clone = new Y.Doc();
    Y.applyUpdate(clone, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(clone, update);
    expect(clone.getMap('finals').has('101'), 'what the refused update would have done').toBe(false);
  });

  it('refuses items with a right origin and clients listed twice', () => {
    const { server } = setup((doc) => doc.getMap('marks').set('a', 1));
    const [first] = [...server.store.clients.keys()];
    const right = crafted(
      [
        {
          client: 7,
          clock: 0,
          structs: [{ kind: 'item', right: { client: first as number, clock: 0 }, any: [2] }],
        },
      ],
      [],
    );
    expect(describeUpdate(server, right)).toMatchObject({ ok: false, reason: 'badValue' });
    const item = { kind: 'item' as const, parent: 'marks', sub: 'b', any: [1] };
    const twice = crafted(
      [
        { client: 7, clock: 0, structs: [item] },
        { client: 8, clock: 0, structs: [item] },
        { client: 7, clock: 1, structs: [item] },
      ],
      [],
    );
    expect(describeUpdate(server, twice)).toMatchObject({ ok: false, reason: 'badValue' });
  });

  it('refuses origins that loop back through the order of a client’s own structs', () => {
    const server = new Y.Doc();
    server.clientID = 1000;
    server.getMap('marks').set('a', 1);
    const set = (origin: { client: number; clock: number }) => ({ kind: 'item' as const, origin, any: [2] });
    // 7:0 needs 8:0, which needs 7:1, which Yjs integrates only after 7:0.
    const update = crafted(
      [
        { client: 8, clock: 0, structs: [set({ client: 7, clock: 1 })] },
        { client: 7, clock: 0, structs: [set({ client: 8, clock: 0 }), set({ client: 1000, clock: 0 })] },
      ],
      [],
    );
    const clone = new Y.Doc();
    Y.applyUpdate(clone, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(clone, update);
    expect(clone.store.pendingStructs, 'Yjs keeps it pending').not.toBeNull();
    expect(describeUpdate(server, update)).toMatchObject({ ok: false, reason: 'missingDependencies' });
  });

  it('describes a long offline session without running out of stack', () => {
    const { server } = setup();
    const a = new Y.Doc();
    a.clientID = 1;
    const b = new Y.Doc();
    b.clientID = 2;
    // Alternating keys keep Yjs from merging the overwritten items: a chain of 20,000 origins per key.
    for (let i = 0; i < 40_000; i++) a.getMap('notes').set(i % 2 === 0 ? '101' : '102', `draft ${i}`);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // b's item comes first in the update and names the end of a's chain as its origin.
    b.getMap('notes').set('101', 'final');
    const result = describeUpdate(server, Y.encodeStateAsUpdate(b, Y.encodeStateVector(server)));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.changes.filter((c) => !c.deleted && c.value !== 'final').length).toBeGreaterThan(0);
      expect(result.changes).toContainEqual({ root: 'notes', key: '101', deleted: false, value: 'final' });
    }
  });

  it('accepts only crafted updates whose every visible effect it listed', () => {
    const server = new Y.Doc();
    server.clientID = 1000;
    server.getMap('finals').set('101', { grade: 'A' });
    const writer = new Y.Doc();
    writer.clientID = 2000;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['c', 4],
    ] as const)
      writer.getMap('marks').set(key, value);
    writer.getMap('texts').set('102:comment', 'x');
    writer.getMap('marks').delete('c');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    const clients = [1000, 2000, 3000];
    const state = (client: number) => Y.getState(server.store, client);
    const id = fc.record({ client: fc.constantFrom(...clients), clock: fc.nat({ max: 8 }) });
    const struct = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('item' as const),
          origin: fc.option(id, { nil: undefined }),
          right: fc.option(id, { freq: 6, nil: undefined }),
          parent: fc.constantFrom('marks', 'texts', 'finals', 'list'),
          sub: fc.option(fc.constantFrom('a', 'b', 'c', '101', '102:comment'), { freq: 6, nil: undefined }),
          any: fc.option(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }), {
            freq: 3,
            nil: undefined,
          }),
          deleted: fc.integer({ min: 0, max: 3 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('gc' as const), len: fc.integer({ min: 0, max: 3 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('skip' as const), len: fc.integer({ min: 0, max: 3 }) }),
      },
    );
    const block = fc.record({
      client: fc.constantFrom(...clients),
      shift: fc.integer({ min: -2, max: 1 }),
      structs: fc.array(struct, { minLength: 1, maxLength: 3 }),
    });
    const range = fc.record({
      client: fc.constantFrom(...clients),
      clock: fc.nat({ max: 9 }),
      len: fc.integer({ min: 0, max: 4 }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(block, { selector: (b) => b.client, maxLength: 3 }),
        fc.array(range, { maxLength: 3 }),
        (blocks, ranges) => {
          const update = crafted(
            blocks.map((b) => ({
              client: b.client,
              clock: Math.max(0, state(b.client) + b.shift),
              structs: b.structs,
            })),
            ranges,
          );
          const result = describeUpdate(server, update);
          if (!result.ok) return;
          accepted++;
          const clone = new Y.Doc();
          Y.applyUpdate(clone, Y.encodeStateAsUpdate(server));
          const before = entries(clone);
          Y.applyUpdate(clone, update);
          expect(clone.store.pendingStructs).toBeNull();
          expect(clone.store.pendingDs).toBeNull();
          const after = entries(clone);
          const listed = new Set(result.changes.map((c) => `${c.root}/${c.key}`));
          for (const key of new Set([...before.keys(), ...after.keys()])) {
            if (before.get(key) !== after.get(key)) expect(listed, `${key} changed unlisted`).toContain(key);
          }
          // The document is still consistent: what it shows is what a fresh copy of it shows.
          const reloaded = new Y.Doc();
          Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(clone));
          expect(entries(reloaded)).toEqual(after);
        },
      ),
      { numRuns: 10000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});

type CraftedStruct =
  | {
      kind: 'item';
      origin?: { client: number; clock: number } | undefined;
      right?: { client: number; clock: number } | undefined;
      parent?: string;
      sub?: string | undefined;
      any?: unknown[] | undefined;
      deleted?: number;
    }
  | { kind: 'gc' | 'skip'; len: number };

/** Writes a V1 update struct by struct, so that tests can send what no Yjs client would. */
const crafted = (
  blocks: Array<{ client: number; clock: number; structs: CraftedStruct[] }>,
  deletions: Array<{ client: number; clock: number; len: number }>,
): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, blocks.length);
  for (const block of blocks) {
    encoding.writeVarUint(e, block.structs.length);
    encoding.writeVarUint(e, block.client);
    encoding.writeVarUint(e, block.clock);
    for (const s of block.structs) {
      if (s.kind !== 'item') {
        encoding.writeUint8(e, s.kind === 'gc' ? 0 : 10);
        encoding.writeVarUint(e, s.len);
        continue;
      }
      const content = s.any === undefined ? 1 : 8;
      const sub = s.origin === undefined && s.right === undefined && s.sub !== undefined;
      encoding.writeUint8(e, content | (s.origin ? 0x80 : 0) | (s.right ? 0x40 : 0) | (sub ? 0x20 : 0));
      for (const side of [s.origin, s.right]) {
        if (side === undefined) continue;
        encoding.writeVarUint(e, side.client);
        encoding.writeVarUint(e, side.clock);
      }
      if (s.origin === undefined && s.right === undefined) {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, s.parent ?? 'marks');
        if (sub) encoding.writeVarString(e, s.sub as string);
      }
      if (s.any === undefined) encoding.writeVarUint(e, s.deleted ?? 1);
      else {
        encoding.writeVarUint(e, s.any.length);
        for (const value of s.any) encoding.writeAny(e, value as never);
      }
    }
  }
  const byClient = new Map<number, Array<{ clock: number; len: number }>>();
  for (const d of deletions) byClient.set(d.client, [...(byClient.get(d.client) ?? []), d]);
  encoding.writeVarUint(e, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, list.length);
    for (const { clock, len } of list) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
};

const entries = (doc: Y.Doc) => {
  const out = new Map<string, string>();
  for (const [root, type] of doc.share) {
    if (type instanceof Y.Map || type.constructor === Y.AbstractType) {
      for (const [key, item] of type._map)
        if (!item.deleted) out.set(`${root}/${key}`, JSON.stringify(item.content.getContent()));
    }
  }
  return out;
};
