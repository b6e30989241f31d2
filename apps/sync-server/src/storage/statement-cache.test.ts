import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCachedStatements } from './statement-cache.ts';

describe('SQLite statements prepared once for Kysely', () => {
  let sqlite: SQLite.Database;
  beforeEach(() => {
    sqlite = new SQLite(':memory:');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  it('hands out the same statement for the same SQL text, and a new one for another', () => {
    const database = withCachedStatements(sqlite);
    const first = database.prepare('SELECT name FROM t WHERE id = ?');
    expect(database.prepare('SELECT name FROM t WHERE id = ?')).toBe(first);
    expect(database.prepare('SELECT id FROM t WHERE name = ?')).not.toBe(first);
  });

  it('forgets the least recently used statement beyond its size', () => {
    const database = withCachedStatements(sqlite, 2);
    const a = database.prepare('SELECT 1');
    const b = database.prepare('SELECT 2');
    expect(database.prepare('SELECT 1')).toBe(a);
    database.prepare('SELECT 3');
    // 'SELECT 2' was the least recently used of three: prepared anew; 'SELECT 1' was kept.
    expect(database.prepare('SELECT 1')).toBe(a);
    expect(database.prepare('SELECT 2')).not.toBe(b);
  });

  it('runs Kysely queries, including one of the same text after the schema changed under it', async () => {
    const db = new Kysely<{ t: { id: number; name: string; grade?: string } }>({
      dialect: new SqliteDialect({ database: withCachedStatements(sqlite) }),
    });
    await db.insertInto('t').values({ id: 1, name: 'Ola' }).execute();
    const all = () => db.selectFrom('t').selectAll().execute();
    expect(await all()).toEqual([{ id: 1, name: 'Ola' }]);
    await sql`ALTER TABLE t ADD COLUMN grade TEXT DEFAULT 'B'`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: 'Ola', grade: 'B' }]);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});
