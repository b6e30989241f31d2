import type { Kysely } from 'kysely';
import { KyselyDocStore } from './kysely-doc-store.ts';
import type { Database } from './schema.ts';

/** The Yjs update log in the SQLite file (see `KyselyDocStore`). */
export class SqliteDocStore extends KyselyDocStore {
  constructor(db: Kysely<Database>) {
    super(db, 'sqlite');
  }
}

/** The Yjs update log in PostgreSQL, shared by every instance (see `KyselyDocStore`). */
export class PostgresDocStore extends KyselyDocStore {
  constructor(db: Kysely<Database>) {
    super(db, 'postgres');
  }
}
