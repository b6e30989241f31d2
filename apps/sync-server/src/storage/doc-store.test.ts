import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStorage, type Storage } from './index.ts';

const update = (key: string, value: number, doc = new Y.Doc()) => {
  const before = Y.encodeStateVector(doc);
  doc.getMap('marks').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
};

const rebuild = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('marks').toJSON();
};

describe('SqliteDocStore', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cograde-store-'));
    storage = await openStorage(dir);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads appended updates oldest first, per document', async () => {
    const a = update('101:q3', 4);
    const b = update('101:q4', 5);
    await storage.docs.append('commission:K1', a);
    await storage.docs.append('commission:K2', b);
    await storage.docs.append('commission:K1', b);
    expect(await storage.docs.load('commission:K1')).toEqual([a, b]);
    expect(await storage.docs.load('commission:K2')).toEqual([b]);
    expect(await storage.docs.load('commission:none')).toEqual([]);
  });

  it('keeps every appended update after the file is closed and reopened', async () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 20; i++) await storage.docs.append('commission:K1', update(`10${i % 10}:q3`, i, doc));
    await storage.close();
    storage = await openStorage(dir);
    expect(rebuild(await storage.docs.load('commission:K1'))).toEqual(doc.getMap('marks').toJSON());
  });

  it('compacts into one snapshot and keeps updates appended after the load', async () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) await storage.docs.append('commission:K1', update(`101:q${i}`, i, doc));
    const loaded = await storage.docs.load('commission:K1');
    const late = update('102:q1', 9, doc);
    await storage.docs.append('commission:K1', late);
    await storage.docs.compact('commission:K1', Y.mergeUpdates(loaded), loaded.length);

    const after = await storage.docs.load('commission:K1');
    expect(after).toHaveLength(2);
    expect(after[1]).toEqual(late);
    expect(rebuild(after)).toEqual(doc.getMap('marks').toJSON());
    expect(await storage.docs.entryCount('commission:K1')).toBe(2);

    // A second compaction replaces the snapshot and the late update together.
    await storage.docs.compact('commission:K1', Y.mergeUpdates(after), after.length);
    const again = await storage.docs.load('commission:K1');
    expect(again).toHaveLength(1);
    expect(rebuild(again)).toEqual(doc.getMap('marks').toJSON());

    await storage.close();
    storage = await openStorage(dir);
    expect(rebuild(await storage.docs.load('commission:K1'))).toEqual(doc.getMap('marks').toJSON());
  });

  it('refuses to compact more entries than are stored, changing nothing', async () => {
    const a = update('101:q3', 4);
    await storage.docs.append('commission:K1', a);
    await expect(storage.docs.compact('commission:K1', a, 2)).rejects.toThrow(/fewer/);
    expect(await storage.docs.load('commission:K1')).toEqual([a]);
  });

  it('lists the documents that have content', async () => {
    await storage.docs.append('exam:inf1010', update('x', 1));
    await storage.docs.append('commission:K1', update('x', 1));
    expect(await storage.docs.docNames()).toEqual(['commission:K1', 'exam:inf1010']);
  });
});
