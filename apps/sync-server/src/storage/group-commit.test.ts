import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HeadTracker } from '../ports.ts';
import { databaseFileName, type OpenDatabase, openDatabase } from './database.ts';
import { openStorage, SqliteDocStore, type Storage } from './index.ts';

const update = (key: string, value: number, doc = new Y.Doc()) => {
  const before = Y.encodeStateVector(doc);
  doc.getMap('marks').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
};

const current: HeadTracker = { seqOf: () => Number.MAX_SAFE_INTEGER, catchUp: () => {} };

/** The SQLite update log's group commit: what a second connection on the same file sees, and when. */
describe('SQLite update log, group commit', () => {
  let dir: string;
  let storage: Storage;
  let reader: SQLite.Database;
  const stored = () =>
    reader.prepare('SELECT doc_name, doc_seq FROM doc_updates ORDER BY seq').all() as {
      doc_name: string;
      doc_seq: number;
    }[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cograde-group-'));
    storage = await openStorage(dir);
    reader = new SQLite(join(dir, databaseFileName), { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the updates of several documents decided in one turn together, in order, once', async () => {
    const staged = await Promise.all(
      ['commission:K1', 'commission:K2', 'commission:K1'].map((name, i) =>
        storage.docs.stageAtHead(name, [], current, () => update(`10${i}:q1`, i)),
      ),
    );
    expect(staged.map((s) => s?.seq)).toEqual([1, 1, 2]);
    // Decided and numbered, not yet on disk: another connection sees none of them.
    expect(stored()).toEqual([]);
    const order: number[] = [];
    await Promise.all(staged.map((s, i) => s?.durable.then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    expect(stored()).toEqual([
      { doc_name: 'commission:K1', doc_seq: 1 },
      { doc_name: 'commission:K2', doc_seq: 1 },
      { doc_name: 'commission:K1', doc_seq: 2 },
    ]);
    const heads = reader.prepare('SELECT doc_name, seq FROM doc_heads ORDER BY doc_name').all();
    expect(heads).toEqual([
      { doc_name: 'commission:K1', seq: 2 },
      { doc_name: 'commission:K2', seq: 1 },
    ]);
  });

  it('decides at the head: a caller behind the log catches up before its decision runs', async () => {
    await storage.docs.append('exam:E', update('q1', 1));
    await storage.docs.append('exam:E', update('q2', 2));
    const seen: string[] = [];
    const held = new Map([['exam:E', 1]]);
    const tracker: HeadTracker = {
      seqOf: (name) => held.get(name) ?? 0,
      catchUp: (name, tail) => {
        seen.push(`${name}:${tail.updates.length}:${tail.seq}`);
        held.set(name, tail.seq);
      },
    };
    const staged = await storage.docs.stageAtHead('commission:K1', ['exam:E'], tracker, () => {
      seen.push('decided');
      return update('101:q1', 3);
    });
    await staged?.durable;
    expect(seen).toEqual(['exam:E:1:2', 'decided']);
    // A caller that never takes what it is given is refused rather than let decide behind the head.
    const stuck: HeadTracker = { seqOf: () => 0, catchUp: () => {} };
    await expect(
      storage.docs.stageAtHead('commission:K1', ['exam:E'], stuck, () => update('101:q2', 1)),
    ).rejects.toThrow(/does not catch up/);
  });

  it('stores nothing of a batch whose commit fails, rejects all of it, and numbers on from what is stored', async () => {
    const a = await storage.docs.stageAtHead('commission:K1', [], current, () => update('101:q1', 1));
    const b = await storage.docs.stageAtHead('commission:K2', [], current, () => update('101:q1', 2));
    // Another writer took number 1 of K2 meanwhile: the batch's insert of K2 #1 violates the log's key.
    const writer = new SQLite(join(dir, databaseFileName));
    writer
      .prepare('INSERT INTO doc_updates (doc_name, doc_seq, bytes) VALUES (?, 1, ?)')
      .run('commission:K2', Buffer.from([0, 0]));
    writer.close();
    await expect(a?.durable).rejects.toThrow();
    await expect(b?.durable).rejects.toThrow();
    expect(stored()).toEqual([{ doc_name: 'commission:K2', doc_seq: 1 }]);
    // A failed document takes no more until it is read again from the start (its room is rebuilt).
    await expect(
      storage.docs.stageAtHead('commission:K1', [], current, () => update('101:q2', 1)),
    ).rejects.toThrow();
    await storage.docs.loadSince('commission:K1', 0);
    expect(await storage.docs.append('commission:K1', update('101:q2', 1))).toBe(1);
  });
});

/** Where a batch's `fsync` happens: off the event loop, and nothing is durable before it. */
describe('SQLite update log, sync off the event loop', () => {
  let dir: string;
  let opened: OpenDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cograde-sync-'));
    opened = await openDatabase(dir);
  });
  afterEach(async () => {
    await opened.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const storeWith = (walFile: string, gapMs?: number) => {
    if (opened.sqlite === undefined) throw new Error('SQLite expected');
    return new SqliteDocStore(opened.db, opened.sqlite, walFile, gapMs);
  };

  it('keeps the relational store on synchronous=FULL around the batches it commits with NORMAL', async () => {
    const store = storeWith(`${opened.file}-wal`);
    await store.append('commission:K1', update('101:q1', 1));
    const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(opened.db);
    expect(rows[0]?.synchronous).toBe(2);
    await store.close();
  });

  it('commits a busy log at most once per gap: what is decided meanwhile, over several turns, shares one commit', async () => {
    const store = storeWith(`${opened.file}-wal`, 1000);
    const reader = new SQLite(opened.file, { readonly: true });
    const count = () => (reader.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n;
    // Quiet: the first commits at once.
    const first = await store.stageAtHead('commission:K1', [], current, () => update('101:q1', 1));
    await first?.durable;
    expect(count()).toBe(1);
    // Busy: the next ones, a turn apart, wait for the gap and go together.
    const second = await store.stageAtHead('commission:K1', [], current, () => update('101:q2', 2));
    await new Promise((resolve) => setImmediate(resolve));
    const third = await store.stageAtHead('commission:K2', [], current, () => update('101:q1', 3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count()).toBe(1);
    expect(second?.durable).toBe(third?.durable);
    await third?.durable;
    expect(count()).toBe(3);
    reader.close();
    await store.close();
  });

  it('acknowledges nothing whose WAL sync failed, and takes nothing more into its documents', async () => {
    const store = storeWith(join(dir, 'no-such-wal'));
    await expect(store.append('commission:K1', update('101:q1', 1))).rejects.toThrow(/ENOENT/);
    await expect(store.stageAtHead('commission:K1', [], current, () => update('101:q2', 1))).rejects.toThrow(
      /read it again/,
    );
    await store.close();
  });
});
