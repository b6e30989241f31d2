import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databaseFileName } from './database.ts';
import { openStorage, type Storage } from './index.ts';
import { LogWriteError, SqliteLogWriter } from './sqlite-log-writer.ts';

const update = (key: string, value: number) => {
  const doc = new Y.Doc();
  doc.getMap('marks').set(key, value);
  return Y.encodeStateAsUpdate(doc);
};

/** The update log's writer thread: its own connection on the server's file, next to the server's one. */
describe('SQLite update log, writer thread', () => {
  let dir: string;
  let storage: Storage;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cograde-writer-'));
    storage = await openStorage(dir);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lands every update and every relational write when both connections write at once', async () => {
    const appends = Array.from({ length: 60 }, (_, i) =>
      storage.docs.append(`commission:K${i % 3}`, update(`10${i}:q1`, i % 10)),
    );
    const audits = Array.from({ length: 20 }, (_, i) =>
      storage.repo.audit.append({
        at: new Date(Date.UTC(2026, 10, 24, 12, 0, i)),
        actorId: 'coordinator',
        action: 'reopen',
        examId: 'writer-test',
        detail: { i },
      }),
    );
    const seqs = await Promise.all(appends);
    await Promise.all(audits);
    // Every document numbered 1…20 without a gap, each number once.
    for (const k of [0, 1, 2]) {
      const mine = seqs.filter((_, i) => i % 3 === k).sort((a, b) => a - b);
      expect(mine).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
    const reader = new SQLite(join(dir, databaseFileName), { readonly: true });
    try {
      expect(reader.prepare('SELECT count(*) AS n FROM doc_updates').get()).toEqual({ n: 60 });
    } finally {
      reader.close();
    }
    expect(await storage.repo.audit.ofExam('writer-test')).toHaveLength(20);
    const doc = new Y.Doc();
    for (const u of await storage.docs.load('commission:K1')) Y.applyUpdate(doc, u);
    expect(doc.getMap('marks').size).toBe(20);
  });

  it('waits for another connection’s write lock rather than fail the batch', async () => {
    const other = new SQLite(join(dir, databaseFileName));
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      const seq = storage.docs.append('commission:K1', update('101:q1', 4));
      await new Promise((resolve) => setTimeout(resolve, 100));
      other.prepare('COMMIT').run();
      expect(await seq).toBe(1);
    } finally {
      other.close();
    }
  });

  it('reports a write that did not commit with SQLite’s reason, and stores nothing of it', async () => {
    const writer = new SqliteLogWriter(join(dir, databaseFileName));
    try {
      const entry = { docName: 'commission:K1', seq: 1, update: update('101:q1', 1) };
      await writer.append([entry]);
      const error = await writer.append([{ ...entry, seq: 2 }, entry]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LogWriteError);
      expect((error as LogWriteError).code).toMatch(/^SQLITE_CONSTRAINT/);
      expect(await storage.docs.loadSince('commission:K1', 0)).toMatchObject({ seq: 1 });
    } finally {
      await writer.close();
    }
    await expect(writer.append([])).rejects.toThrow(/closed/);
  });
});
