import { type DocKind, docSchemas } from '@cograde/domain';
import type * as Y from 'yjs';
import type { StateVector } from './server-state.ts';

/** One flat map entry the client still has to get to the server: a value to set, or a deletion. */
export type PendingChange = { root: string; key: string; deleted: boolean; value?: unknown };
export type ChangeRef = { root: string; key: string };

export const clientRoots = (kind: DocKind): string[] =>
  Object.entries(docSchemas[kind] as Record<string, { writer: 'client' | 'server' }>)
    .filter(([, spec]) => spec.writer === 'client')
    .map(([root]) => root);

/**
 * The entries of the client-written roots whose current value the server does not hold yet: the item
 * that wrote the value lies beyond the server's known clock for its client id. `deletions` are the keys
 * this client deleted since the last acknowledgement (a deletion carries no clock of its own).
 */
export const pendingChanges = (
  doc: Y.Doc,
  roots: readonly string[],
  known: StateVector,
  deletions: ReadonlySet<string> = new Set(),
): PendingChange[] => {
  const out: PendingChange[] = [];
  for (const root of roots) {
    const map = doc.getMap<unknown>(root);
    for (const [key, item] of map._map) {
      if (item.deleted) continue;
      if (item.id.clock < (known.get(item.id.client) ?? 0)) continue;
      out.push({ root, key, deleted: false, value: map.get(key) });
    }
  }
  for (const ref of deletions) {
    const [root, ...rest] = ref.split('/');
    const key = rest.join('/');
    if (root !== undefined && roots.includes(root) && !doc.getMap(root).has(key))
      out.push({ root, key, deleted: true });
  }
  return out;
};

/** R6: the refused changes stay refused; every other pending change is replayed onto the server's state. */
export const replayPlan = (
  pending: readonly PendingChange[],
  refused: readonly ChangeRef[],
): PendingChange[] => {
  const refusedKeys = new Set(refused.map((r) => `${r.root}/${r.key}`));
  return pending.filter((p) => !refusedKeys.has(`${p.root}/${p.key}`));
};

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Applies the plan to a document rebuilt from the server, skipping entries that already agree. */
export const applyReplay = (doc: Y.Doc, plan: readonly PendingChange[]): number => {
  let applied = 0;
  doc.transact(() => {
    for (const change of plan) {
      const map = doc.getMap<unknown>(change.root);
      if (change.deleted) {
        if (map.has(change.key)) {
          map.delete(change.key);
          applied++;
        }
      } else if (!map.has(change.key) || !sameValue(map.get(change.key), change.value)) {
        map.set(change.key, change.value);
        applied++;
      }
    }
  });
  return applied;
};
