import * as Y from 'yjs';
import { ok, type Result, refuse } from '../result.ts';
import type { Change } from './check-change.ts';

/**
 * Lists what a Yjs update would change in a document made of flat root maps, without applying it, so
 * that the server can decide on the update before anything of it is stored or relayed.
 *
 * Each new item is resolved to the root map and key it writes: its parent is a root name, or follows
 * from its origin / right origin, which is found either in the same update or in the server's copy of
 * the document. Deleted ranges resolve to the entries they remove. Anything the server's document
 * would not integrate at once (missing dependencies, gaps) is refused, because Yjs would keep it pending
 * and integrate it later, unchecked, once the gap is filled.
 */

type Struct = Y.Item | Y.GC | Y.Skip;
type Target = { root: string; key: string };

const describeLimit = 100_000;

/** The structs of one update, by client, ordered by clock, for lookups by id. */
class UpdateStructs {
  readonly byClient = new Map<number, Struct[]>();

  constructor(structs: readonly Struct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list === undefined) this.byClient.set(struct.id.client, [struct]);
      else list.push(struct);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  find(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client);
    if (list === undefined) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid] as Struct;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }

  /** The end of the unbroken run of structs that starts at `from` for this client. */
  coveredUntil(client: number, from: number): number {
    let end = from;
    for (const struct of this.byClient.get(client) ?? []) {
      if (struct instanceof Y.Skip) continue;
      if (struct.id.clock > end) break;
      end = Math.max(end, struct.id.clock + struct.length);
    }
    return end;
  }
}

class Refusal extends Error {
  constructor(readonly refused: ReturnType<typeof refuse>) {
    super(refused.reason);
  }
}
const fail = (reason: Parameters<typeof refuse>[0], detail: string): never => {
  throw new Refusal(refuse(reason, detail));
};

const idText = (id: Y.ID) => `${id.client}:${id.clock}`;

/** A root type keeps its name for the life of its document; `Y.findRootTypeKey` walks every root each time. */
type RootType = Parameters<typeof Y.findRootTypeKey>[0];
const rootNames = new WeakMap<RootType, string>();
const rootName = (type: RootType): string => {
  let name = rootNames.get(type);
  if (name === undefined) {
    name = Y.findRootTypeKey(type);
    rootNames.set(type, name);
  }
  return name;
};

/** The root map and key of an item the server's document already holds. */
const targetOfKnownItem = (item: Y.Item): Target => {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return fail('badValue', `item ${idText(item.id)} has no parent`);
  if (parent._item !== null) return fail('badValue', 'nested shared types are not allowed');
  // A root the server's document has not asked for by type yet is a plain AbstractType: used as a map.
  if (!(parent instanceof Y.Map) && parent.constructor !== Y.AbstractType) {
    return fail('unknownRoot', 'only root maps may be written');
  }
  if (item.parentSub === null) return fail('badValue', 'a root map holds keyed entries only');
  return { root: rootName(parent), key: item.parentSub };
};

export const describeUpdate = (doc: Y.Doc, update: Uint8Array): Result<{ changes: Change[] }> => {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse('undecodable');
  }
  try {
    return ok({ changes: describe(doc, decoded.structs, decoded.ds) });
  } catch (error) {
    if (error instanceof Refusal) return error.refused;
    return refuse('undecodable', error instanceof Error ? error.message.slice(0, 200) : undefined);
  }
};

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

const describe = (doc: Y.Doc, structs: readonly Struct[], ds: DeleteSet): Change[] => {
  const store = doc.store;
  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const inUpdate = new UpdateStructs(structs);
  const targets = new Map<Struct, Target>();
  const changes: Change[] = [];
  const push = (change: Change) => {
    if (changes.length >= describeLimit) fail('tooLarge', `more than ${describeLimit} changes`);
    changes.push(change);
  };

  // Yjs reads one run of structs per client; a client listed twice would have its first run dropped.
  let previous: number | null = null;
  const listed = new Set<number>();
  for (const struct of structs) {
    // No Yjs client writes an empty struct; Yjs would integrate one without its clock moving on.
    if (struct.length === 0) fail('badValue', `empty struct at ${idText(struct.id)}`);
    const client = struct.id.client;
    if (client === previous) continue;
    if (listed.has(client)) fail('badValue', `client ${client} listed twice`);
    listed.add(client);
    previous = client;
  }

  // Yjs integrates a client's structs only from its current clock on, without gaps.
  for (const [client, list] of inUpdate.byClient) {
    let next = Y.getState(store, client);
    for (const struct of list) {
      const end = struct.id.clock + struct.length;
      if (end <= next) continue;
      if (struct.id.clock > next) fail('missingDependencies', `client ${client} from clock ${next}`);
      // Yjs would integrate the unseen tail next to the server's last struct of this client, whatever
      // entry that belongs to, and delete it: a genuine update starts exactly where the server stands.
      if (struct.id.clock < next)
        fail('badValue', `struct ${client}:${struct.id.clock} overlaps what the server has`);
      if (struct instanceof Y.Skip)
        fail('missingDependencies', `gap in client ${client} at clock ${struct.id.clock}`);
      next = end;
    }
  }

  const isNew = (struct: Struct) => struct.id.clock + struct.length > Y.getState(store, struct.id.client);

  /** The new items Yjs must integrate before this one: the one before it of its client, and its origin. */
  const prerequisites = (item: Y.Item): Y.Item[] => {
    const out: Y.Item[] = [];
    const before = inUpdate.find(Y.createID(item.id.client, item.id.clock - 1));
    if (before instanceof Y.Item && isNew(before)) out.push(before);
    const origin = item.origin;
    if (origin !== null && !known(origin)) {
      // Yjs takes an origin of the item's own client to be integrated already: it must come before it.
      if (origin.client === item.id.client && origin.clock >= item.id.clock) {
        fail('badValue', `item ${idText(item.id)} follows itself`);
      }
      const struct = inUpdate.find(origin);
      if (struct === undefined) fail('missingDependencies', `origin ${idText(origin)}`);
      if (!(struct instanceof Y.Item)) fail('badValue', `origin ${idText(origin)} is not an item`);
      out.push(struct as Y.Item);
    }
    return out;
  };

  const resolveTarget = (item: Y.Item): Target => {
    // A map entry is only ever written after the entry's current item, never before another one: an
    // item with a right origin could link itself into a second entry's list.
    if (item.rightOrigin !== null) return fail('badValue', `item ${idText(item.id)} is not a map entry`);
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      const existing = doc.share.get(parent);
      if (existing !== undefined && existing.constructor !== Y.AbstractType && !(existing instanceof Y.Map)) {
        fail('unknownRoot', `${parent} is not a map`);
      }
      if (item.parentSub === null) return fail('badValue', 'a root map holds keyed entries only');
      return { root: parent, key: item.parentSub };
    }
    // An id as parent names a shared type inside another: the schemas have none.
    if (parent instanceof Y.ID) return fail('badValue', 'nested shared types are not allowed');
    const origin = item.origin;
    if (origin === null) return fail('badValue', `item ${idText(item.id)} has no parent`);
    if (known(origin)) {
      const struct = Y.getItem(store, origin) as Struct;
      if (!(struct instanceof Y.Item))
        return fail('badValue', `origin ${idText(origin)} is garbage-collected`);
      return targetOfKnownItem(struct);
    }
    const target = targets.get(inUpdate.find(origin) as Struct);
    return target ?? fail('missingDependencies', `origin ${idText(origin)}`);
  };

  /**
   * Resolves items in an order Yjs could integrate them, with an explicit stack rather than recursion:
   * an offline session can chain tens of thousands of origins. A loop means Yjs would keep it pending.
   */
  const resolve = (start: Y.Item) => {
    // Most items wait for nothing unresolved: no stack needed.
    if (prerequisites(start).every((item) => targets.has(item))) {
      targets.set(start, resolveTarget(start));
      return;
    }
    const stack: Y.Item[] = [start];
    const onStack = new Set<Struct>([start]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Y.Item;
      if (targets.has(top)) {
        stack.pop();
        onStack.delete(top);
        continue;
      }
      // One prerequisite at a time, so the stack is always a path and a repeat on it is a loop.
      const waiting = prerequisites(top).find((item) => !targets.has(item));
      if (waiting === undefined) {
        targets.set(top, resolveTarget(top));
        continue;
      }
      if (onStack.has(waiting)) fail('missingDependencies', `origins loop at ${idText(waiting.id)}`);
      stack.push(waiting);
      onStack.add(waiting);
    }
  };
  const targetOf = (item: Y.Item): Target => {
    const target = targets.get(item);
    if (target !== undefined) return target;
    resolve(item);
    return targets.get(item) as Target;
  };

  for (const struct of structs) {
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) {
      // Yjs still looks up the references of a struct it already has: they must exist.
      if (struct instanceof Y.Item) {
        for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
          if (ref instanceof Y.ID && !known(ref)) fail('missingDependencies', `reference ${idText(ref)}`);
        }
      }
      continue;
    }
    if (struct instanceof Y.GC) fail('badValue', `garbage-collected struct ${idText(struct.id)}`);
    if (!(struct instanceof Y.Item)) continue;
    const { root, key } = targetOf(struct);
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) {
      push({ root, key, deleted: true });
    } else if (content instanceof Y.ContentAny) {
      for (const value of content.getContent()) push({ root, key, deleted: false, value });
    } else {
      fail('badValue', `${root}/${key}: only plain JSON values are allowed`);
    }
  }

  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) fail('badValue', `empty deletion at ${client}:${clock}`);
      const end = clock + len;
      if (end > state && inUpdate.coveredUntil(client, Math.max(clock, state)) < end) {
        fail('missingDependencies', `deletion of ${client}:${clock}+${len}`);
      }
      if (clock < state) {
        const known = store.clients.get(client) ?? [];
        for (let i = Y.findIndexSS(known, clock); i < known.length; i++) {
          const struct = known[i] as Y.Item | Y.GC;
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !struct.deleted) {
            const { root, key } = targetOfKnownItem(struct);
            push({ root, key, deleted: true });
          }
        }
      }
      for (const struct of inUpdate.byClient.get(client) ?? []) {
        if (struct.id.clock >= end || struct.id.clock + struct.length <= Math.max(clock, state)) continue;
        if (struct instanceof Y.Item) {
          const { root, key } = targetOf(struct);
          push({ root, key, deleted: true });
        }
      }
    }
  }
  return withoutRedundantDeletions(changes);
};

/** An overwrite deletes the entry's previous item: the new value says all there is to check. */
const withoutRedundantDeletions = (changes: Change[]): Change[] => {
  if (!changes.some((c) => c.deleted)) return changes;
  // A live edit changes one entry or a few: comparing pairs costs less than building keys for sets.
  if (changes.length <= smallUpdate)
    return changes.filter(
      (c, i) => !c.deleted || !changes.some((other, j) => sameEntry(c, other) && (!other.deleted || j < i)),
    );
  const at = (c: Change) => `${c.root}\u0000${c.key}`;
  const written = new Set(changes.filter((c) => !c.deleted).map(at));
  const seen = new Set<string>();
  return changes.filter((c) => {
    if (!c.deleted) return true;
    const entry = at(c);
    if (written.has(entry) || seen.has(entry)) return false;
    seen.add(entry);
    return true;
  });
};

const smallUpdate = 16;
const sameEntry = (a: Change, b: Change) => a !== b && a.key === b.key && a.root === b.root;
