import { sql } from 'kysely';
import type { AccessDirectory } from '../ports.ts';
import { cachedCommissions } from './cached-commissions.ts';
import { openDatabase } from './database.ts';
import { createDirectory } from './directory.ts';
import { createKyselyRepository } from './kysely/index.ts';
import type { KyselyDocStore } from './kysely-doc-store.ts';
import type { Repository } from './repository.ts';
import { PostgresDocStore, SqliteDocStore } from './sqlite-doc-store.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

export { isPostgresUrl } from './database.ts';
export { KyselyDocStore } from './kysely-doc-store.ts';
export type { Repository } from './repository.ts';
export { PostgresDocStore, SqliteDocStore } from './sqlite-doc-store.ts';

export type Storage = {
  repo: Repository;
  docs: KyselyDocStore;
  directory: AccessDirectory;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL without its password. */
  file: string;
  /** Answers when the database does (the readiness endpoint asks it). */
  ping(): Promise<void>;
  /**
   * Runs `task` while no other instance runs an `exclusive` task of the same `key` (a PostgreSQL
   * advisory lock; SQLite has one instance): the demo seed on an empty database, say.
   */
  exclusive<T>(key: number, task: () => Promise<T>): Promise<T>;
  /** Closes the database; the stores share it. */
  close(): Promise<void>;
};

/**
 * Opens the database, migrated to the latest schema: a data directory holds a SQLite file, a
 * `postgres://` URL names a PostgreSQL database several instances share.
 */
export const openStorage = async (location: string): Promise<Storage> => {
  const { db, dialect, file, sqlite } = await openDatabase(location);
  const base = createKyselyRepository(db);
  // One instance owns a SQLite file, so its commissions can be held in memory (see `cachedCommissions`).
  const repo: Repository =
    sqlite === undefined ? base : { ...base, commissions: cachedCommissions(base.commissions) };
  const docs =
    sqlite === undefined ? new PostgresDocStore(db) : new SqliteDocStore(db, sqlite, `${file}-wal`);
  const checkpointer = sqlite === undefined ? null : startWalCheckpointer(sqlite, file);
  // Not awaited: until the thread is up, the connection checkpoints on its own, as SQLite does.
  return {
    repo,
    docs,
    directory: createDirectory(repo),
    dialect,
    file,
    async ping() {
      await db.selectFrom('doc_heads').select('seq').limit(1).execute();
    },
    async exclusive(key, task) {
      if (dialect !== 'postgres') return task();
      return db.connection().execute(async (connection) => {
        await sql`SELECT pg_advisory_lock(${key})`.execute(connection);
        try {
          return await task();
        } finally {
          await sql`SELECT pg_advisory_unlock(${key})`.execute(connection);
        }
      });
    },
    async close() {
      await docs.close();
      await checkpointer?.close();
      await db.destroy();
    },
  };
};
