import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

export const databaseFileName = 'cograde.sqlite';

export type OpenDatabase = { db: Kysely<Database>; file: string };

/**
 * Opens (creating if needed) the SQLite file under the data directory and migrates it. WAL with
 * synchronous=FULL makes a committed transaction durable when the call returns, so the sync server
 * may acknowledge an update as soon as its append resolves.
 */
export const openDatabase = async (dataDir: string): Promise<OpenDatabase> => {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, databaseFileName);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>);
  return { db, file };
};
