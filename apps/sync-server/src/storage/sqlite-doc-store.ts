import type { Kysely } from 'kysely';
import type { DocStore } from '../ports.ts';
import type { Database } from './schema.ts';

/**
 * The Yjs update log in SQLite: `doc_updates` holds appended updates, `doc_snapshots` at most one merged
 * snapshot per document together with the last update it contains. Loading returns the snapshot first,
 * then the updates after it.
 */
export class SqliteDocStore implements DocStore {
  constructor(private readonly db: Kysely<Database>) {}

  async load(docName: string): Promise<Uint8Array[]> {
    return this.db.transaction().execute(async (trx) => {
      const snapshot = await trx
        .selectFrom('doc_snapshots')
        .select(['bytes', 'through_seq'])
        .where('doc_name', '=', docName)
        .executeTakeFirst();
      const updates = await trx
        .selectFrom('doc_updates')
        .select('bytes')
        .where('doc_name', '=', docName)
        .where('seq', '>', snapshot?.through_seq ?? 0)
        .orderBy('seq')
        .execute();
      const all = updates.map((u) => toBytes(u.bytes));
      return snapshot === undefined ? all : [toBytes(snapshot.bytes), ...all];
    });
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    await this.db.insertInto('doc_updates').values({ doc_name: docName, bytes: update }).execute();
  }

  /**
   * Runs in one transaction, so a crash leaves either the old log or the new snapshot, and updates
   * appended after the caller's `load` are kept: only the first `replacedCount` entries are replaced.
   */
  async compact(docName: string, snapshot: Uint8Array, replacedCount: number): Promise<void> {
    if (replacedCount < 1) return;
    await this.db.transaction().execute(async (trx) => {
      const previous = await trx
        .selectFrom('doc_snapshots')
        .select('through_seq')
        .where('doc_name', '=', docName)
        .executeTakeFirst();
      const updatesToReplace = replacedCount - (previous === undefined ? 0 : 1);
      let throughSeq = previous?.through_seq ?? 0;
      if (updatesToReplace > 0) {
        const replaced = await trx
          .selectFrom('doc_updates')
          .select('seq')
          .where('doc_name', '=', docName)
          .where('seq', '>', throughSeq)
          .orderBy('seq')
          .limit(updatesToReplace)
          .execute();
        if (replaced.length < updatesToReplace) {
          throw new Error(`compact ${docName}: ${replacedCount} entries to replace, but the log has fewer`);
        }
        throughSeq = replaced.at(-1)?.seq ?? throughSeq;
        await trx
          .deleteFrom('doc_updates')
          .where('doc_name', '=', docName)
          .where('seq', '<=', throughSeq)
          .execute();
      }
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_name: docName, bytes: snapshot, through_seq: throughSeq })
        .onConflict((oc) => oc.column('doc_name').doUpdateSet({ bytes: snapshot, through_seq: throughSeq }))
        .execute();
    });
  }

  /** How many log entries `load` would return; the background compactor picks documents by it. */
  async entryCount(docName: string): Promise<number> {
    const snapshot = await this.db
      .selectFrom('doc_snapshots')
      .select('through_seq')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    const row = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doc_name', '=', docName)
      .where('seq', '>', snapshot?.through_seq ?? 0)
      .executeTakeFirstOrThrow();
    return Number(row.n) + (snapshot === undefined ? 0 : 1);
  }

  /** The documents that have any stored content. */
  async docNames(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('doc_updates')
      .select('doc_name')
      .union(this.db.selectFrom('doc_snapshots').select('doc_name'))
      .execute();
    return rows.map((r) => r.doc_name).sort();
  }

  /** The database is shared with the relational store; whoever opened it closes it. */
  async close(): Promise<void> {}
}

/** better-sqlite3 returns Buffers; hand out plain Uint8Arrays that own their bytes. */
const toBytes = (b: Uint8Array): Uint8Array =>
  new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
