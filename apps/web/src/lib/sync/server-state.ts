import * as Y from 'yjs';

/**
 * What the server is known to hold of a document, as a Yjs state vector (client id → clock). It grows
 * from the server's acks, its sync step 1 and every update it relays; an edit is unsynced while its
 * clock is beyond what the server is known to hold.
 */
export type StateVector = Map<number, number>;

export const emptyStateVector = (): StateVector => new Map();

export const decodeBase64StateVector = (base64: string): StateVector => {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return Y.decodeStateVector(bytes);
};

export const encodeBase64StateVector = (sv: StateVector): string => {
  let binary = '';
  for (const byte of Y.encodeStateVector(sv)) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/** The element-wise maximum: the server never forgets what it stored. Returns `a` when nothing grew. */
export const mergeStateVectors = (a: StateVector, b: StateVector): StateVector => {
  let merged: StateVector | null = null;
  for (const [client, clock] of b) {
    if (clock > (a.get(client) ?? 0)) {
      merged ??= new Map(a);
      merged.set(client, clock);
    }
  }
  return merged ?? a;
};

/** The clock ranges an update carries, as the state vector the receiver holds after applying it. */
export const stateVectorOfUpdate = (update: Uint8Array): StateVector => Y.parseUpdateMeta(update).to;

/** How many of the local document's insertions the server is not known to hold, over every client id. */
export const unsyncedInsertions = (local: StateVector, known: StateVector): number => {
  let count = 0;
  for (const [client, clock] of local) count += Math.max(0, clock - (known.get(client) ?? 0));
  return count;
};

export type SyncStatus = 'offline' | 'connecting' | 'syncing' | 'saved';

export const syncStatus = (s: { connected: boolean; synced: boolean; unsynced: number }): SyncStatus => {
  if (!s.connected) return 'offline';
  if (!s.synced) return 'connecting';
  return s.unsynced > 0 ? 'syncing' : 'saved';
};

/** The badge of several documents: the least reassuring status wins, the counts add up. */
export const combineStatus = (all: ReadonlyArray<{ status: SyncStatus; unsynced: number }>) => {
  const order: SyncStatus[] = ['offline', 'connecting', 'syncing', 'saved'];
  let status: SyncStatus = 'saved';
  let unsynced = 0;
  for (const s of all) {
    if (order.indexOf(s.status) < order.indexOf(status)) status = s.status;
    unsynced += s.unsynced;
  }
  return { status, unsynced };
};
