import type BetterSqlite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every query the server builds, with room for `IN (…)` lists of many lengths. */
export const cachedStatements = 256;

/**
 * The SQLite connection as Kysely sees it, with each SQL text prepared once. Kysely's SQLite driver
 * prepares every query it runs: compiling the same few dozen statements again and again was 3 % of
 * the server's CPU while 200 pairs co-graded (the access checks' lookups, mostly). Reusing a prepared
 * statement is safe here: better-sqlite3 runs one statement at a time on the connection, and Kysely
 * holds the connection for the whole of a query, a stream included. SQLite prepares a statement again
 * by itself if the schema changes under it (a migration).
 */
export const withCachedStatements = (
  sqlite: BetterSqlite.Database,
  size = cachedStatements,
): SqliteDatabase => {
  // A Map keeps insertion order: a hit moves to the end, so the first key is the least recently used.
  const prepared = new Map<string, BetterSqlite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = prepared.get(sql);
      if (statement !== undefined) prepared.delete(sql);
      else {
        statement = sqlite.prepare(sql);
        if (prepared.size >= size) prepared.delete(prepared.keys().next().value!);
      }
      prepared.set(sql, statement);
      return statement;
    },
  };
};
