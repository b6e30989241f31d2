import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  combineStatus,
  decodeBase64StateVector,
  encodeBase64StateVector,
  mergeStateVectors,
  stateVectorOfUpdate,
  syncStatus,
  unsyncedInsertions,
} from './server-state.ts';

const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('server state', () => {
  it('counts every local insertion beyond what the server acknowledged', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    client.getMap('marks').set('101:q3', 4);
    client.getMap('marks').set('101:q4', 7);
    expect(unsyncedInsertions(sv(client), sv(server))).toBe(2);

    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const ack = decodeBase64StateVector(encodeBase64StateVector(sv(server)));
    expect(unsyncedInsertions(sv(client), ack)).toBe(0);

    client.getMap('marks').set('101:q5', 1);
    expect(unsyncedInsertions(sv(client), ack)).toBe(1);
  });

  it('counts edits of an earlier session (another client id) too, so a reload offline still shows them', () => {
    const earlier = new Y.Doc();
    earlier.getMap('marks').set('102:q3', 5);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(earlier));
    reloaded.getMap('marks').set('102:q4', 6);
    expect(unsyncedInsertions(sv(reloaded), new Map())).toBe(2);
  });

  it('learns from relayed updates, so a co-examiner’s edits never count as ours', () => {
    const other = new Y.Doc();
    other.getMap('marks').set('103:q6', 9);
    const relayed = Y.encodeStateAsUpdate(other);
    const client = new Y.Doc();
    Y.applyUpdate(client, relayed);
    const known = mergeStateVectors(new Map(), stateVectorOfUpdate(relayed));
    expect(unsyncedInsertions(sv(client), known)).toBe(0);
  });

  it('merges as the element-wise maximum and keeps the same object when nothing grew', () => {
    const a = new Map([
      [1, 5],
      [2, 3],
    ]);
    expect(mergeStateVectors(a, new Map([[1, 4]]))).toBe(a);
    expect([...mergeStateVectors(a, new Map([[2, 9]]))]).toEqual([
      [1, 5],
      [2, 9],
    ]);
  });

  it('tells the truth: offline, connecting, saving, or all saved', () => {
    expect(syncStatus({ connected: false, synced: false, unsynced: 0 })).toBe('offline');
    expect(syncStatus({ connected: true, synced: false, unsynced: 0 })).toBe('connecting');
    expect(syncStatus({ connected: true, synced: true, unsynced: 3 })).toBe('syncing');
    expect(syncStatus({ connected: true, synced: true, unsynced: 0 })).toBe('saved');
    expect(
      combineStatus([
        { status: 'saved', unsynced: 0 },
        { status: 'syncing', unsynced: 2 },
        { status: 'saved', unsynced: 1 },
      ]),
    ).toEqual({ status: 'syncing', unsynced: 3 });
  });
});
