import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { withDefaultUser } from './database.ts';

/**
 * The databases the storage contract tests run against: a SQLite file always, PostgreSQL when the test
 * runner found one (`COGRADE_TEST_POSTGRES`, e.g. `postgres://127.0.0.1:5432/test`). Each PostgreSQL
 * location is a schema of its own, dropped by `cleanup`.
 */
export type TestDatabase = {
  name: 'SQLite' | 'PostgreSQL';
  /** Why the suite is skipped here, or null when it runs. */
  skip: string | null;
  /** A fresh, empty location for `openStorage`. */
  location(): string;
  cleanup(): Promise<void>;
};

export const postgresUrl = process.env.COGRADE_TEST_POSTGRES || undefined;
export const postgresSkip =
  postgresUrl === undefined
    ? 'PostgreSQL suites skipped: COGRADE_TEST_POSTGRES is not set (scripts/test.mjs sets it when 127.0.0.1:5432 answers)'
    : null;

/** A URL for `openStorage` that keeps everything in `schema` (created on open). */
export const withSchema = (url: string, schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

export const uniqueSchema = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/** Drops the schemas a test created. */
export const dropSchemas = async (url: string, schemas: readonly string[]) => {
  if (schemas.length === 0) return;
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDefaultUser(url), max: 1 }) }),
  });
  try {
    for (const schema of schemas) await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  } finally {
    await db.destroy();
  }
};

export const testDatabases = (prefix: string): TestDatabase[] => {
  const dirs: string[] = [];
  const schemas: string[] = [];
  return [
    {
      name: 'SQLite',
      skip: null,
      location() {
        const dir = mkdtempSync(join(tmpdir(), `cograde-${prefix}-`));
        dirs.push(dir);
        return dir;
      },
      async cleanup() {
        for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      },
    },
    {
      name: 'PostgreSQL',
      skip: postgresSkip,
      location() {
        if (postgresUrl === undefined) throw new Error(postgresSkip ?? '');
        const schema = uniqueSchema(prefix);
        schemas.push(schema);
        return withSchema(postgresUrl, schema);
      },
      async cleanup() {
        if (postgresUrl !== undefined) await dropSchemas(postgresUrl, schemas.splice(0));
      },
    },
  ];
};
