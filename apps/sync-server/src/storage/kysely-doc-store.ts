import type { Kysely, Transaction } from 'kysely';
import type { DocStore, HeadTracker, Staged, StoredTail } from '../ports.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The Yjs update log on Kysely, for SQLite and PostgreSQL alike: `doc_updates` holds appended updates
 * numbered per document (`doc_seq`), `doc_heads` each document's latest number, `doc_snapshots` at most
 * one merged snapshot per document with the last number it contains. Loading returns the snapshot
 * first, then the updates after it.
 *
 * On PostgreSQL every append locks the document's `doc_heads` row until it commits, so numbers follow
 * commit order and no two instances append to one document at once; SQLite has one writer anyway.
 */
export class KyselyDocStore implements DocStore {
  constructor(
    protected readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async load(docName: string): Promise<Uint8Array[]> {
    return (await this.loadSince(docName, 0)).updates;
  }

  /**
   * The snapshot, the head and the updates after them, read from one view of the database. On PostgreSQL
   * that takes `repeatable read`: under its default `read committed` each statement sees the latest
   * commit, so a compaction by another instance between reading the snapshot and reading the updates
   * left a tail with a hole (the updates it folded were gone, its new snapshot not read), and the
   * document built from it lost them in memory. SQLite's transactions see one view anyway.
   */
  async loadSince(docName: string, afterSeq: number): Promise<StoredTail> {
    const transaction =
      this.dialect === 'postgres'
        ? this.db.transaction().setIsolationLevel('repeatable read')
        : this.db.transaction();
    return transaction.execute((trx) => this.tail(trx, docName, afterSeq));
  }

  protected async tail(db: Db, docName: string, afterSeq: number): Promise<StoredTail> {
    const snapshot = await db
      .selectFrom('doc_snapshots')
      .select(['bytes', 'through_doc_seq'])
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    const head = await db
      .selectFrom('doc_heads')
      .select('seq')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    // The snapshot is needed when it folded in updates the caller has not seen.
    const withSnapshot = snapshot !== undefined && (afterSeq === 0 || snapshot.through_doc_seq > afterSeq);
    const from = withSnapshot ? snapshot.through_doc_seq : afterSeq;
    const rows = await db
      .selectFrom('doc_updates')
      .select('bytes')
      .where('doc_name', '=', docName)
      .where('doc_seq', '>', from)
      .orderBy('doc_seq')
      .execute();
    const updates = rows.map((r) => toBytes(r.bytes));
    return {
      updates: withSnapshot ? [toBytes(snapshot.bytes), ...updates] : updates,
      seq: Number(head?.seq ?? 0),
    };
  }

  async append(docName: string, update: Uint8Array): Promise<number> {
    const seq = await this.appendAtHead(docName, [], noTracker, () => update);
    return seq ?? 0;
  }

  async appendAtHead(
    docName: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      // Rows locked in one global order (by name), whatever the mode: two transactions never wait
      // for each other in a circle.
      const names = [...new Set([docName, ...reads])].sort();
      const heads: [string, number][] = [];
      for (const name of names)
        heads.push([
          name,
          name === docName ? await this.lockHead(trx, name) : await this.shareHead(trx, name),
        ]);
      const head = heads.find(([name]) => name === docName)?.[1] ?? 0;
      for (const [name, latest] of heads) {
        const known = tracker.seqOf(name);
        if (latest > known) tracker.catchUp(name, await this.tail(trx, name, known));
      }
      const update = produce();
      if (update === null) return null;
      const seq = head + 1;
      await trx
        .insertInto('doc_updates')
        .values({ doc_name: docName, doc_seq: seq, bytes: update })
        .execute();
      await trx.updateTable('doc_heads').set({ seq }).where('doc_name', '=', docName).execute();
      return seq;
    });
  }

  /** Decided, numbered and committed in one go: `durable` has already resolved. */
  async stageAtHead(
    docName: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<Staged | null> {
    const seq = await this.appendAtHead(docName, reads, tracker, produce);
    return seq === null ? null : { seq, durable: Promise.resolve() };
  }

  /** The document's latest number, its row locked for this transaction (created at 0 if new). */
  private async lockHead(trx: Transaction<Database>, docName: string): Promise<number> {
    await trx
      .insertInto('doc_heads')
      .values({ doc_name: docName, seq: 0 })
      .onConflict((oc) => oc.column('doc_name').doNothing())
      .execute();
    let query = trx.selectFrom('doc_heads').select('seq').where('doc_name', '=', docName);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.seq);
  }

  /** A document the decision reads: nobody may append to it until this transaction ends. */
  private async shareHead(trx: Transaction<Database>, docName: string): Promise<number> {
    let query = trx.selectFrom('doc_heads').select('seq').where('doc_name', '=', docName);
    if (this.dialect === 'postgres') query = query.forShare();
    const row = await query.executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /**
   * Runs in one transaction holding the document's head locked, so two instances never compact one
   * document at once, a crash leaves either the old log or the new snapshot, and updates appended after
   * `throughSeq` are kept. A snapshot that would replace a newer one is dropped.
   */
  async compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    if (throughSeq < 1) return;
    await this.db.transaction().execute(async (trx) => {
      const head = await this.lockHead(trx, docName);
      if (throughSeq > head) {
        throw new Error(`compact ${docName}: through ${throughSeq}, but the log ends at ${head}`);
      }
      const previous = await trx
        .selectFrom('doc_snapshots')
        .select('through_doc_seq')
        .where('doc_name', '=', docName)
        .executeTakeFirst();
      if (previous !== undefined && previous.through_doc_seq >= throughSeq) return;
      await trx
        .deleteFrom('doc_updates')
        .where('doc_name', '=', docName)
        .where('doc_seq', '<=', throughSeq)
        .execute();
      const values = { bytes: snapshot, through_seq: throughSeq, through_doc_seq: throughSeq };
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_name: docName, ...values })
        .onConflict((oc) => oc.column('doc_name').doUpdateSet(values))
        .execute();
    });
  }

  /** How many log entries `load` would return; the background compactor picks documents by it. */
  async entryCount(docName: string): Promise<number> {
    const snapshot = await this.db
      .selectFrom('doc_snapshots')
      .select('through_doc_seq')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    const row = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doc_name', '=', docName)
      .where('doc_seq', '>', snapshot?.through_doc_seq ?? 0)
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

const noTracker: HeadTracker = { seqOf: () => Number.MAX_SAFE_INTEGER, catchUp: () => {} };

/** The drivers return Buffers; hand out plain Uint8Arrays that own their bytes. */
const toBytes = (b: Uint8Array): Uint8Array =>
  new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
