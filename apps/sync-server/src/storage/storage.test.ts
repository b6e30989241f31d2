import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databaseFileName, openDatabase } from './database.ts';
import { openStorage } from './index.ts';
import { migrateTo } from './migrations.ts';
import type { Database } from './schema.ts';

/** SQLite only: the file's pragmas. The relational contract on both adapters is `repository.test.ts`. */
describe('migrations', () => {
  it('run once on a new file and leave an existing file as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cograde-migrate-'));
    try {
      const first = await openDatabase(dir);
      await first.db.insertInto('exams').values({ id: 'x', data: '{}' }).execute();
      await first.db.destroy();
      const second = await openDatabase(dir);
      expect(await second.db.selectFrom('exams').select('id').execute()).toEqual([{ id: 'x' }]);
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(second.db);
      expect(rows[0]?.journal_mode).toBe('wal');
      await second.db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 0003 (sequence numbers per document)', () => {
  it('numbers a log written before it, snapshot included, so that nothing stored is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cograde-migrate-'));
    try {
      const sqlite = new SQLite(join(dir, databaseFileName));
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
      await migrateTo(db as Kysely<unknown>, '0002_grade_imports');
      // As the server left it before: a snapshot of the first updates, then later updates.
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 6; i++) doc.getMap('marks').set(`10${i}:q1`, i);
      const legacy = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await legacy
        .insertInto('doc_snapshots')
        .values({ doc_name: 'commission:K1', bytes: Y.mergeUpdates(updates.slice(0, 3)), through_seq: 3 })
        .execute();
      for (const u of updates.slice(3)) {
        await legacy.insertInto('doc_updates').values({ doc_name: 'commission:K1', bytes: u }).execute();
      }
      await legacy.insertInto('doc_updates').values({ doc_name: 'exam:e1', bytes: updates[0] }).execute();
      await db.destroy();

      const storage = await openStorage(dir);
      try {
        const tail = await storage.docs.loadSince('commission:K1', 0);
        expect(tail.seq).toBe(3);
        const rebuilt = new Y.Doc();
        for (const u of tail.updates) Y.applyUpdate(rebuilt, u);
        expect(rebuilt.getMap('marks').toJSON()).toEqual(doc.getMap('marks').toJSON());
        expect((await storage.docs.loadSince('commission:K1', 2)).updates).toHaveLength(1);
        expect(await storage.docs.append('commission:K1', Y.encodeStateAsUpdate(doc))).toBe(4);
        expect(await storage.docs.append('exam:e1', new Uint8Array([0, 0]))).toBe(2);
      } finally {
        await storage.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
