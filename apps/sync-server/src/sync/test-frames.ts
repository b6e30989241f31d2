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
  return fc.oneof(
    { arbitrary: randomBytes, weight: 6 },
    { arbitrary: randomSync, weight: 6 },
    { arbitrary: mutatedUpdate, weight: 8 },
    { arbitrary: ruleBreakingUpdate, weight: 4 },
    { arbitrary: presence, weight: 3 },
    { arbitrary: oversizedUpdate, weight: 1 },
    { arbitrary: unknownType, weight: 2 },
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
