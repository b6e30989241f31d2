import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Hostile frames for fuzz tests: random bytes, sync messages with random or mutated Yjs updates,
 * updates that break the rules, presence of any JSON shape, oversized updates and unknown types.
 */
export const frame = (type: number, ...parts: Array<number | Uint8Array>) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
};

/** Edits no examiner may make in a commission document of the demo or the test world. */
export const illegalEdits: Array<(doc: Y.Doc) => void> = [
  (doc) => doc.getMap('marks').set('101:q2', 5), // locked, or another examiner's question
  (doc) => doc.getMap('marks').set('102:q1', 1001), // above any maximum
  (doc) => doc.getMap('marks').set('999:q1', 1), // no such candidate
  (doc) => doc.getMap('finals').set('102', { grade: 'A' }), // server-only
  (doc) => doc.getMap('texts').set('102:comment', new Y.Text('nested')),
  (doc) => doc.getArray('marks2').insert(0, [1]),
  (doc) => doc.getMap('info').delete('commission'),
  (doc) => doc.getMap('marks').set('102:q1', 'ten'),
  (doc) => doc.getMap('notes').set('102', 'a private note in the shared document'),
  (doc) => doc.getMap('texts').set('102:grade', 'A'),
];

export const illegalUpdate = (base: Uint8Array, edit: number): Uint8Array => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => illegalEdits[edit % illegalEdits.length]?.(doc));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
};

const mutate = (bytes: Uint8Array, flips: Array<[number, number]>, cut: number) => {
  const out = bytes.slice(0, Math.max(1, bytes.length - cut));
  for (const [at, value] of flips) out[at % out.length] = value;
  return out;
};

/** `base` is the server document's state: updates are built on it so they decode and resolve. */
export const hostileFrames = (base: Uint8Array, oversized: number) => {
  const randomBytes = fc.uint8Array({ maxLength: 80 });
  const randomSync = fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 80 }))
    .map(([sub, bytes]) => frame(0, sub, bytes));
  const mutatedUpdate = fc
    .tuple(
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
      fc.nat({ max: 4 }),
      fc.constantFrom(1, 2),
    )
    .map(([edit, flips, cut, sub]) => frame(0, sub, mutate(illegalUpdate(base, edit), flips, cut)));
  const ruleBreakingUpdate = fc.nat().map((edit) => frame(0, 2, illegalUpdate(base, edit)));
  const presence = fc.jsonValue({ maxDepth: 3 }).map((state) => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, 12345);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, JSON.stringify(state));
    return frame(1, encoding.toUint8Array(update));
  });
  const oversizedUpdate = fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 32 }), fc.nat({ max: 100 }))
    .map(([head, extra]) => {
      const bytes = new Uint8Array(oversized + extra);
      bytes.set(head);
      return frame(0, 2, bytes);
    });
  const unknownType = fc.integer({ min: 4, max: 1000 }).map((type) => frame(type, new Uint8Array([1, 2, 3])));
  const crafted = craftedUpdate(base).map((update) => frame(0, 2, update));
  return fc.oneof(
    { arbitrary: randomBytes, weight: 6 },
    { arbitrary: randomSync, weight: 6 },
    { arbitrary: mutatedUpdate, weight: 8 },
    { arbitrary: ruleBreakingUpdate, weight: 4 },
    { arbitrary: presence, weight: 3 },
    { arbitrary: oversizedUpdate, weight: 1 },
    { arbitrary: unknownType, weight: 2 },
    { arbitrary: crafted, weight: 8 },
  );
};

/** The Yjs update a sync step 2 or update frame carries, or `null` for any other frame. */
export const updateIn = (sent: Uint8Array): Uint8Array | null => {
  try {
    const decoder = decoding.createDecoder(sent);
    if (decoding.readVarUint(decoder) !== 0) return null;
    const step = decoding.readVarUint(decoder);
    return step === 1 || step === 2 ? decoding.readVarUint8Array(decoder) : null;
  } catch {
    return null;
  }
};

/** Frames the server may rightly answer without a Cograde message: presence, awareness queries, step 1. */
export const mayBeSilent = (sent: Uint8Array): boolean => {
  try {
    const type = decoding.readVarUint(decoding.createDecoder(sent));
    return type === 1 || type === 3;
  } catch {
    return false;
  }
};

/**
 * Updates written struct by struct (V1 encoding), as no Yjs client would: structs that overlap what the
 * server has, right origins, empty structs, origins into other clients, explicit roots and keys,
 * garbage-collected and skipped ranges, deletions. Built on the clients `base` knows.
 */
export const craftedUpdate = (base: Uint8Array) => {
  const states = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(base));
  const clients = [...states.keys(), 77, 78];
  const state = (client: number) => states.get(client) ?? 0;
  const id = fc.record({ client: fc.constantFrom(...clients), back: fc.integer({ min: -1, max: 2 }) });
  const item = fc.record({
    kind: fc.constant('item' as const),
    origin: fc.option(id, { nil: undefined }),
    right: fc.option(id, { freq: 6, nil: undefined }),
    parent: fc.constantFrom('marks', 'texts', 'finals', 'notes', 'list'),
    sub: fc.constantFrom('101:q1', '102:q3', '102:comment', '101', 'x'),
    values: fc.option(
      fc.array(fc.oneof(fc.integer({ min: -1, max: 30 }), fc.string({ maxLength: 4 })), { maxLength: 3 }),
      {
        freq: 4,
        nil: undefined,
      },
    ),
    deleted: fc.integer({ min: 0, max: 3 }),
  });
  const gap = fc.record({
    kind: fc.constantFrom('gc' as const, 'skip' as const),
    len: fc.integer({ min: 0, max: 3 }),
  });
  const block = fc.record({
    client: fc.constantFrom(...clients),
    shift: fc.integer({ min: -2, max: 1 }),
    structs: fc.array(fc.oneof({ arbitrary: item, weight: 8 }, { arbitrary: gap, weight: 1 }), {
      minLength: 1,
      maxLength: 3,
    }),
  });
  const deletion = fc.record({
    client: fc.constantFrom(...clients),
    back: fc.integer({ min: 0, max: 6 }),
    len: fc.integer({ min: 0, max: 4 }),
  });
  return fc
    .tuple(
      fc.uniqueArray(block, { selector: (b) => b.client, maxLength: 3 }),
      fc.array(deletion, { maxLength: 2 }),
    )
    .map(([blocks, deletions]) => {
      const e = encoding.createEncoder();
      const at = (ref: { client: number; back: number }) => Math.max(0, state(ref.client) - ref.back);
      encoding.writeVarUint(e, blocks.length);
      for (const b of blocks) {
        encoding.writeVarUint(e, b.structs.length);
        encoding.writeVarUint(e, b.client);
        encoding.writeVarUint(e, Math.max(0, state(b.client) + b.shift));
        for (const s of b.structs) {
          if (s.kind !== 'item') {
            encoding.writeUint8(e, s.kind === 'gc' ? 0 : 10);
            encoding.writeVarUint(e, s.len);
            continue;
          }
          const explicit = s.origin === undefined && s.right === undefined;
          encoding.writeUint8(
            e,
            (s.values === undefined ? 1 : 8) |
              (s.origin ? 0x80 : 0) |
              (s.right ? 0x40 : 0) |
              (explicit ? 0x20 : 0),
          );
          for (const side of [s.origin, s.right]) {
            if (side === undefined) continue;
            encoding.writeVarUint(e, side.client);
            encoding.writeVarUint(e, at(side));
          }
          if (explicit) {
            encoding.writeVarUint(e, 1);
            encoding.writeVarString(e, s.parent);
            encoding.writeVarString(e, s.sub);
          }
          if (s.values === undefined) encoding.writeVarUint(e, s.deleted);
          else {
            encoding.writeVarUint(e, s.values.length);
            for (const value of s.values) encoding.writeAny(e, value);
          }
        }
      }
      encoding.writeVarUint(e, deletions.length);
      for (const d of deletions) {
        encoding.writeVarUint(e, d.client);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, at(d));
        encoding.writeVarUint(e, d.len);
      }
      return encoding.toUint8Array(e);
    });
};
