import { describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { encodeBase64StateVector } from './server-state.ts';
import { type SessionRefusal, SyncedDoc } from './synced-doc.svelte.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
};

let counter = 0;
/** A document that is not connected: the test plays the server, with a real Y.Doc on its side. */
const open = (
  opts: { storage?: ReturnType<typeof memoryStorage>; onRefusal?: (r: SessionRefusal) => void } = {},
) => {
  const docName = `commission:K${++counter}`;
  const synced = new SyncedDoc(docName, {
    serverUrl: 'ws://localhost:1/sync',
    connect: false,
    storage: opts.storage ?? memoryStorage(),
    ...(opts.onRefusal ? { onRefusal: opts.onRefusal } : {}),
  });
  const server = new Y.Doc();
  /** The server stores what the client sent and acknowledges its state vector. */
  const serverAccepts = () => {
    Y.applyUpdate(server, Y.encodeStateAsUpdate(synced.doc, Y.encodeStateVector(server)));
    synced.handle({
      v: 1,
      type: 'ack',
      stateVector: encodeBase64StateVector(Y.decodeStateVector(Y.encodeStateVector(server))),
    });
  };
  return { docName, synced, server, serverAccepts };
};

const loadFromIndexedDb = async (docName: string) => {
  const probe = new Y.Doc();
  const persistence = new IndexeddbPersistence(docName, probe);
  await persistence.whenSynced;
  await persistence.destroy();
  return probe;
};

describe('SyncedDoc', () => {
  it('counts unsynced edits until the server acknowledges them', () => {
    const { synced, serverAccepts } = open();
    expect(synced.unsynced).toBe(0);
    synced.doc.getMap('marks').set('101:q3', 4);
    synced.doc.getMap('marks').set('101:q4', 6);
    expect(synced.unsynced).toBe(2);
    expect(synced.status).toBe('offline');
    serverAccepts();
    expect(synced.unsynced).toBe(0);
    synced.doc.getMap('texts').set('101:comment', 'Clear argument');
    expect(synced.unsynced).toBe(1);
  });

  it('counts a deletion as unsynced until the next acknowledgement', () => {
    const { synced, serverAccepts } = open();
    synced.doc.getMap('marks').set('101:q3', 4);
    serverAccepts();
    synced.doc.getMap('marks').delete('101:q3');
    expect(synced.unsynced).toBe(1);
    serverAccepts();
    expect(synced.unsynced).toBe(0);
  });

  it('remembers what the server holds across a reload, so old acknowledged edits do not count again', () => {
    const storage = memoryStorage();
    const first = open({ storage });
    first.synced.doc.getMap('marks').set('101:q3', 4);
    first.serverAccepts();
    const reloaded = new SyncedDoc(first.docName, {
      serverUrl: 'ws://localhost:1/sync',
      connect: false,
      persist: false,
      storage,
    });
    Y.applyUpdate(reloaded.doc, Y.encodeStateAsUpdate(first.synced.doc));
    reloaded.doc.getMap('marks').set('101:q4', 2);
    expect(reloaded.unsynced).toBe(1);
  });

  it('takes read or write access from the server’s access message and ignores malformed frames', () => {
    const { synced } = open();
    synced.receive(JSON.stringify({ v: 1, type: 'access', access: 'read' }));
    expect(synced.access).toBe('read');
    synced.receive('{"v":1,"type":"access","access":"admin"}');
    synced.receive('not json');
    expect(synced.access).toBe('read');
  });

  it('ignores a refusal of an empty sync reply on a read-only document: nothing to rebuild, nothing lost', async () => {
    const refusals: SessionRefusal[] = [];
    const { synced } = open({ onRefusal: (r) => refusals.push(r) });
    const before = synced.doc;
    synced.handle({ v: 1, type: 'access', access: 'read' });
    synced.handle({ v: 1, type: 'refused', refusalId: 'r0', reason: 'readOnly', changes: [] });
    await synced.settled();
    expect(synced.doc).toBe(before);
    expect(refusals).toEqual([]);
  });

  it('R6 after a refusal rebuilds from the server, clears the local copy and replays what was not refused', async () => {
    const refusals: SessionRefusal[] = [];
    const { docName, synced, serverAccepts } = open({ onRefusal: (r) => refusals.push(r) });
    await new Promise((r) => setTimeout(r, 0));
    synced.doc.getMap('marks').set('101:q3', 4);
    serverAccepts();
    const before = synced.doc;
    synced.doc.getMap('marks').set('104:q3', 9);
    synced.doc.getMap('marks').set('105:q3', 7);
    synced.doc.getMap('texts').set('105:comment', 'Well structured');
    expect(synced.unsynced).toBe(3);

    synced.receive(
      JSON.stringify({
        v: 1,
        type: 'refused',
        refusalId: 'r1',
        reason: 'locked',
        changes: [{ root: 'marks', key: '104:q3', value: 9, deleted: false, reason: 'locked' }],
      }),
    );
    await synced.settled();

    expect(synced.doc).not.toBe(before);
    const marks = synced.doc.getMap('marks');
    expect(marks.has('104:q3')).toBe(false);
    expect(marks.get('105:q3')).toBe(7);
    expect(synced.doc.getMap('texts').get('105:comment')).toBe('Well structured');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.reason).toBe('locked');
    expect(refusals[0]?.replayed.map((c) => c.key).sort()).toEqual(['105:comment', '105:q3']);

    // The refused value is gone from IndexedDB too: a reload cannot bring it back.
    await synced.destroy();
    const stored = await loadFromIndexedDb(docName);
    expect(stored.getMap('marks').has('104:q3')).toBe(false);
  });
});
