import type BetterSqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { HeadTracker, Staged, StoredTail } from '../ports.ts';
import { KyselyDocStore } from './kysely-doc-store.ts';
import type { Database } from './schema.ts';

type Entry = { docName: string; seq: number; update: Uint8Array };
type Batch = { entries: Entry[]; resolve: () => void; reject: (error: unknown) => void };

/**
 * The Yjs update log in the SQLite file (see `KyselyDocStore`), with group commit.
 *
 * SQLite serves one instance, and every append goes through this object, so each document's head is
 * kept in memory and an update is decided and numbered synchronously (`stageAtHead`): nothing can be
 * appended to the document, or to one its decision reads, between the decision and the numbering.
 * The numbered updates wait in one batch, across documents, until the next turn of the event loop;
 * the batch is then written with prepared statements in one transaction, with one `fsync`, and every
 * update in it becomes durable together. Whatever arrives while a batch commits joins the next one, so
 * the cost per update falls as the rate rises. Batches commit in order, each while holding Kysely's
 * connection, so they never interleave with the relational store's transactions.
 *
 * A failed commit rejects its whole batch (everything staged since the last commit), forgets the heads,
 * and refuses to stage into the failed documents until they are read again from the start (their
 * rooms are rebuilt from storage, as after a crash).
 */
export class SqliteDocStore extends KyselyDocStore {
  private readonly heads = new Map<string, number>();
  private readonly broken = new Set<string>();
  private batch: Batch | null = null;
  private last: Promise<void> = Promise.resolve();
  private readonly headOf: BetterSqlite.Statement<[string], { seq: number }>;
  private readonly insert: BetterSqlite.Statement<[string, number, Uint8Array]>;
  private readonly setHead: BetterSqlite.Statement<[string, number]>;
  private readonly commit: (entries: Entry[]) => void;

  constructor(db: Kysely<Database>, sqlite: BetterSqlite.Database) {
    super(db, 'sqlite');
    this.headOf = sqlite.prepare('SELECT seq FROM doc_heads WHERE doc_name = ?');
    this.insert = sqlite.prepare('INSERT INTO doc_updates (doc_name, doc_seq, bytes) VALUES (?, ?, ?)');
    this.setHead = sqlite.prepare(
      'INSERT INTO doc_heads (doc_name, seq) VALUES (?, ?) ON CONFLICT (doc_name) DO UPDATE SET seq = excluded.seq',
    );
    this.commit = sqlite.transaction((entries: Entry[]) => {
      const latest = new Map<string, number>();
      for (const { docName, seq, update } of entries) {
        this.insert.run(docName, seq, update);
        latest.set(docName, seq);
      }
      for (const [docName, seq] of latest) this.setHead.run(docName, seq);
    });
  }

  private head(docName: string): number {
    let seq = this.heads.get(docName);
    if (seq === undefined) {
      seq = Number(this.headOf.get(docName)?.seq ?? 0);
      this.heads.set(docName, seq);
    }
    return seq;
  }

  override async appendAtHead(
    docName: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<number | null> {
    const staged = await this.stageAtHead(docName, reads, tracker, produce);
    if (staged === null) return null;
    await staged.durable;
    return staged.seq;
  }

  override async stageAtHead(
    docName: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<Staged | null> {
    const names = [docName, ...reads];
    // A caller behind the log (a document appended to without its room) catches up on what is durable.
    for (let round = 0; ; round++) {
      const behind = names.filter((name) => this.head(name) > tracker.seqOf(name));
      if (behind.length === 0) break;
      // Never decide behind the head: a caller that does not take what it is given gets an error.
      if (round === 3) throw new Error(`${behind.join(', ')}: the caller does not catch up`);
      await this.settled();
      for (const name of behind) {
        const known = tracker.seqOf(name);
        if (this.head(name) > known) tracker.catchUp(name, await super.loadSince(name, known));
      }
    }
    if (this.broken.has(docName)) throw new Error(`${docName}: a commit failed; read it again first`);
    // From here on synchronous: the decision holds at the head until the update has its number.
    const update = produce();
    if (update === null) return null;
    const seq = this.head(docName) + 1;
    this.heads.set(docName, seq);
    return { seq, durable: this.enqueue({ docName, seq, update }) };
  }

  private enqueue(entry: Entry): Promise<void> {
    if (this.batch === null) {
      let resolve = () => {};
      let reject: (error: unknown) => void = () => {};
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => undefined);
      // One batch is open at a time, and only after the previous one committed or failed: in order.
      this.batch = { entries: [], resolve, reject };
      this.last = done;
      // After this turn's frames are decided (and relayed), so that they share the commit.
      setImmediate(() => void this.flush());
    }
    this.batch.entries.push(entry);
    return this.last;
  }

  private async flush() {
    try {
      await this.db.connection().execute(async () => {
        const batch = this.batch;
        if (batch === null) return;
        try {
          this.commit(batch.entries);
        } catch (error) {
          this.fail(error);
          return;
        }
        this.batch = null;
        batch.resolve();
      });
    } catch (error) {
      this.fail(error);
    }
  }

  /** The batch waiting is lost: nothing of it is stored, and what was decided on top of it must not be. */
  private fail(error: unknown) {
    const batch = this.batch;
    if (batch === null) return;
    this.batch = null;
    for (const { docName } of batch.entries) this.broken.add(docName);
    this.heads.clear();
    batch.reject(error);
  }

  /** Resolves once everything staged so far has committed or failed. */
  settled(): Promise<void> {
    return this.last.catch(() => undefined);
  }

  override async loadSince(docName: string, afterSeq: number): Promise<StoredTail> {
    await this.settled();
    const tail = await super.loadSince(docName, afterSeq);
    if (afterSeq === 0) this.broken.delete(docName);
    return tail;
  }

  override async compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.settled();
    return super.compact(docName, snapshot, throughSeq);
  }

  override async entryCount(docName: string): Promise<number> {
    await this.settled();
    return super.entryCount(docName);
  }

  override async docNames(): Promise<string[]> {
    await this.settled();
    return super.docNames();
  }

  override async close(): Promise<void> {
    await this.settled();
  }
}

/** The Yjs update log in PostgreSQL, shared by every instance (see `KyselyDocStore`). */
export class PostgresDocStore extends KyselyDocStore {
  constructor(db: Kysely<Database>) {
    super(db, 'postgres');
  }
}
