import type BetterSqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { HeadTracker, Staged, StoredTail } from '../ports.ts';
import { KyselyDocStore, toBytes } from './kysely-doc-store.ts';
import type { Database } from './schema.ts';
import { type LogEntry, SqliteLogWriter } from './sqlite-log-writer.ts';

type Batch = {
  entries: LogEntry[];
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * The Yjs update log in the SQLite file (see `KyselyDocStore`), with group commit in a writer thread.
 *
 * SQLite serves one instance, and every append goes through this object, so each document's head is
 * kept in memory and an update is decided and numbered synchronously (`stageAtHead`): nothing can be
 * appended to the document, or to one its decision reads, between the decision and the numbering.
 * The numbered updates wait in one batch, across documents; a batch goes to the writer thread
 * (`SqliteLogWriter`) at the end of the turn it was opened in, or once the batch before it is durable,
 * and is written there in one transaction with one `fsync`. Whatever is decided while a batch commits
 * joins the next one, so the cost per update falls as the rate rises, and the event loop never waits
 * for the disk. Batches commit in the order they were opened.
 *
 * A failed commit rejects its batch and the one gathering behind it (decided on top of it), forgets the
 * heads, and refuses to stage into the failed documents until they are read again from the start
 * (their rooms are rebuilt from storage, as after a crash).
 */
export class SqliteDocStore extends KyselyDocStore {
  private readonly heads = new Map<string, number>();
  private readonly broken = new Set<string>();
  /** The batch gathering updates, sent when the one out is durable. */
  private gathering: Batch | null = null;
  /** The batch the writer thread is committing. */
  private out: Batch | null = null;
  private last: Promise<void> = Promise.resolve();
  private readonly headOf: BetterSqlite.Statement<[string], { seq: number }>;
  private readonly writer: SqliteLogWriter;
  private readonly readTail: (docName: string, afterSeq: number) => StoredTail;

  constructor(db: Kysely<Database>, sqlite: BetterSqlite.Database, file: string) {
    super(db, 'sqlite');
    this.writer = new SqliteLogWriter(file);
    this.headOf = sqlite.prepare('SELECT seq FROM doc_heads WHERE doc_name = ?');
    const snapshotOf = sqlite.prepare<[string], { bytes: Uint8Array; through_doc_seq: number }>(
      'SELECT bytes, through_doc_seq FROM doc_snapshots WHERE doc_name = ?',
    );
    const updatesAfter = sqlite.prepare<[string, number], { bytes: Uint8Array }>(
      'SELECT bytes FROM doc_updates WHERE doc_name = ? AND doc_seq > ? ORDER BY doc_seq',
    );
    // A read transaction: the snapshot, the updates and the head come from one state of the file.
    this.readTail = sqlite.transaction((docName: string, afterSeq: number): StoredTail => {
      const snapshot = snapshotOf.get(docName);
      const seq = Number(this.headOf.get(docName)?.seq ?? 0);
      // The snapshot is needed when it folded in updates the caller has not seen.
      const withSnapshot = snapshot !== undefined && (afterSeq === 0 || snapshot.through_doc_seq > afterSeq);
      const rows = updatesAfter.all(docName, withSnapshot ? snapshot.through_doc_seq : afterSeq);
      const updates = rows.map((r) => toBytes(r.bytes));
      return { updates: withSnapshot ? [toBytes(snapshot.bytes), ...updates] : updates, seq };
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
        if (this.head(name) > known) tracker.catchUp(name, await this.tailOf(name, known));
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

  private enqueue(entry: LogEntry): Promise<void> {
    if (this.gathering === null) {
      let resolve = () => {};
      let reject: (error: unknown) => void = () => {};
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => undefined);
      this.gathering = { entries: [], done, resolve, reject };
      this.last = done;
      // After this turn's frames are decided (and relayed), so that they share the commit.
      if (this.out === null) setImmediate(() => this.send());
    }
    this.gathering.entries.push(entry);
    return this.gathering.done;
  }

  /** Sends the gathering batch, unless one is out: it goes when that one is durable. */
  private send() {
    const batch = this.gathering;
    if (batch === null || this.out !== null) return;
    this.gathering = null;
    this.out = batch;
    this.writer.append(batch.entries).then(
      () => {
        this.out = null;
        batch.resolve();
        this.send();
      },
      (error) => this.fail(batch, error),
    );
  }

  /** The batch is lost: nothing of it is stored, and what was decided on top of it must not be. */
  private fail(batch: Batch, error: unknown) {
    this.out = null;
    const behind = this.gathering;
    this.gathering = null;
    for (const lost of behind === null ? [batch] : [batch, behind]) {
      for (const { docName } of lost.entries) this.broken.add(docName);
      lost.reject(error);
    }
    this.heads.clear();
  }

  /** Resolves once everything staged so far has committed or failed. */
  settled(): Promise<void> {
    return this.last.catch(() => undefined);
  }

  private async tailOf(docName: string, afterSeq: number): Promise<StoredTail> {
    // Kysely's connection, held so that none of its transactions is open on it meanwhile.
    return this.db.connection().execute(async () => this.readTail(docName, afterSeq));
  }

  override async loadSince(docName: string, afterSeq: number): Promise<StoredTail> {
    await this.settled();
    const tail = await this.tailOf(docName, afterSeq);
    if (afterSeq === 0) this.broken.delete(docName);
    return tail;
  }

  override async compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    if (throughSeq < 1) return;
    await this.settled();
    await this.writer.compact(docName, snapshot, throughSeq);
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
    await this.writer.close();
  }
}

/** The Yjs update log in PostgreSQL, shared by every instance (see `KyselyDocStore`). */
export class PostgresDocStore extends KyselyDocStore {
  constructor(db: Kysely<Database>) {
    super(db, 'postgres');
  }
}
