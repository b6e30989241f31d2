import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';
import { withCachedStatements } from './statement-cache.ts';

export const databaseFileName = 'cograde.sqlite';

export type OpenDatabase = {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL without its password. */
  file: string;
  /** The SQLite connection under `db` (the update log writes through it directly); none for PostgreSQL. */
  sqlite?: SQLite.Database;
};

/** Like libpq (psql): without a user in the URL or PGUSER, the operating system's user name. */
export const withDefaultUser = (url: string): string => {
  const u = new URL(url);
  if (u.username !== '' || process.env.PGUSER) return url;
  u.username = userInfo().username;
  return u.toString();
};

/** Whether a storage location names a PostgreSQL database rather than a data directory. */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/**
 * Opens (creating if needed) the SQLite file under the data directory and migrates it. WAL with
 * synchronous=FULL makes a committed transaction durable when the call returns, so the sync server
 * may acknowledge an update as soon as its append resolves.
 */
export const openDatabase = async (dataDir: string): Promise<OpenDatabase> => {
  if (isPostgresUrl(dataDir)) return openPostgres(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, databaseFileName);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withCachedStatements(sqlite) }) });
  await migrateToLatest(db as Kysely<unknown>);
  return { db, dialect: 'sqlite', file, sqlite };
};

/**
 * Opens a PostgreSQL database (`postgres://user@host:port/db`, `?options=-c search_path=<schema>` to
 * use a schema of its own, created if missing) and migrates it; several instances may do so at once
 * (Kysely's migrator takes an advisory lock). A commit returns once the WAL is flushed
 * (`synchronous_commit` on, PostgreSQL's default), so an acknowledged update is durable here too.
 */
export const openPostgres = async (url: string, opts: { poolSize?: number } = {}): Promise<OpenDatabase> => {
  // Loaded only here: a single instance on SQLite never needs the driver's memory.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: withDefaultUser(url),
    max: opts.poolSize ?? 10,
    // 64-bit integers (bigserial, count) as numbers: the counts here stay far below 2^53.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
    } as pg.CustomTypesConfig,
  });
  pool.on('error', (error) => console.error('postgres: idle client error', error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
    const searchPath = /search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(
      decodeURIComponent(new URL(url).searchParams.get('options') ?? ''),
    )?.[1];
    if (rows[0]?.schema == null && searchPath !== undefined) {
      await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(searchPath)}`.execute(db);
    }
    await migrateToLatest(db as Kysely<unknown>, rows[0]?.schema ?? searchPath ?? 'public');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const shown = new URL(url);
  shown.password = '';
  return { db, dialect: 'postgres', file: shown.toString() };
};
