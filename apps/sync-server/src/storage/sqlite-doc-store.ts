import { type FileHandle, open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type BetterSqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { HeadTracker, Staged, StoredTail } from '../ports.ts';
import { KyselyDocStore } from './kysely-doc-store.ts';
import type { Database } from './schema.ts';

/** The least time between the starts of two commits (see `SqliteDocStore`). */
export const commitGapMs = 4;

type LogEntry = { docName: string; seq: number; update: Uint8Array };
type Batch = {
  entries: LogEntry[];
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * The Yjs update log in the SQLite file (see `KyselyDocStore`), with group commit.
 *
 * SQLite serves one instance, and every append goes through this object, so each document's head is
 * kept in memory and an update is decided and numbered synchronously (`stageAtHead`): nothing can be
 * appended to the document, or to one its decision reads, between the decision and the numbering.
 * The numbered updates wait in one batch, across documents, until the next turn of the event loop;
 * the batch is then written with prepared statements in one transaction, and every update in it
 * becomes durable together. Batches commit in order, each while holding Kysely's connection, so they
 * never interleave with the relational store's transactions.
 *
 * The commit's `fsync` does not block the event loop: the batch commits with `synchronous = NORMAL`
 * (in WAL mode SQLite then writes the transaction's frames to the WAL file without syncing it), and
 * the WAL file is then synced with `fdatasync` on libuv's thread pool; the batch is durable, and its
 * updates acknowledged, only when that sync returns. That is what `synchronous = FULL` does inside the
 * commit, moved off the event loop; the relational store's own commits keep `FULL`. Whatever is
 * decided while a batch syncs joins the next one, so the cost per update falls as the rate rises.
 *
 * A batch commits at most once per `commitGapMs`: an `fsync` costs this machine's kernel and thread
 * pool about 0.2 ms of CPU, so back-to-back batches under a steady load (one every half millisecond)
 * took a third of a core for syncs alone, from the same two cores that decide and relay. A quiet
 * store commits at once; a busy one gathers for up to `commitGapMs`, which delays acks, not relays.
 *
 * A failed commit or sync rejects its batch and the one gathering behind it (decided on top of it),
 * forgets the heads, and refuses to stage into the failed documents until they are read again from the
 * start (their rooms are rebuilt from storage, as after a crash).
 */
export class SqliteDocStore extends KyselyDocStore {
  private readonly heads = new Map<string, number>();
  private readonly broken = new Set<string>();
  /** The batch gathering updates; it commits at the end of its turn, or once the one out is durable. */
  private gathering: Batch | null = null;
  /** The batch committed and being synced. */
  private out: Batch | null = null;
  private last: Promise<void> = Promise.resolve();
  /** When the latest commit started (`performance.now()`), and whether the next one is scheduled. */
  private lastCommit = Number.NEGATIVE_INFINITY;
  private flushScheduled = false;
  private wal: FileHandle | null = null;
  private readonly headOf: BetterSqlite.Statement<[string], { seq: number }>;
  private readonly insert: BetterSqlite.Statement<[string, number, Uint8Array]>;
  private readonly setHead: BetterSqlite.Statement<[string, number]>;
  private readonly commit: (entries: LogEntry[]) => void;

  constructor(
    db: Kysely<Database>,
    sqlite: BetterSqlite.Database,
    private readonly walFile: string,
    private readonly gapMs = commitGapMs,
  ) {
    super(db, 'sqlite');
    this.headOf = sqlite.prepare('SELECT seq FROM doc_heads WHERE doc_name = ?');
    this.insert = sqlite.prepare('INSERT INTO doc_updates (doc_name, doc_seq, bytes) VALUES (?, ?, ?)');
    this.setHead = sqlite.prepare(
      'INSERT INTO doc_heads (doc_name, seq) VALUES (?, ?) ON CONFLICT (doc_name) DO UPDATE SET seq = excluded.seq',
    );
    const write = sqlite.transaction((entries: LogEntry[]) => {
      const latest = new Map<string, number>();
      for (const { docName, seq, update } of entries) {
        this.insert.run(docName, seq, update);
        latest.set(docName, seq);
      }
      for (const [docName, seq] of latest) this.setHead.run(docName, seq);
    });
    this.commit = (entries) => {
      // Not prepared statements: SQLite applies this pragma when it compiles it, not when it runs it.
      sqlite.exec('PRAGMA synchronous = NORMAL');
      try {
        write(entries);
      } finally {
        sqlite.exec('PRAGMA synchronous = FULL');
      }
    };
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
      this.scheduleFlush();
    }
    this.gathering.entries.push(entry);
    return this.gathering.done;
  }

  /**
   * Commits the gathering batch after this turn's frames are decided (and relayed), so that they share
   * the commit, and no sooner than `gapMs` after the latest commit started; one batch is out at a
   * time, and the next is scheduled when it is durable.
   */
  private scheduleFlush() {
    if (this.flushScheduled || this.gathering === null || this.out !== null) return;
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      void this.flush();
    };
    const wait = this.lastCommit + this.gapMs - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  /** Commits the gathering batch and syncs it, unless one is out: it goes when that one is durable. */
  private async flush() {
    const batch = this.gathering;
    if (batch === null || this.out !== null) return;
    this.gathering = null;
    this.out = batch;
    this.lastCommit = performance.now();
    try {
      await this.db.connection().execute(async () => this.commit(batch.entries));
      this.wal ??= await open(this.walFile, 'r');
      await this.wal.datasync();
    } catch (error) {
      this.fail(batch, error);
      return;
    }
    this.out = null;
    batch.resolve();
    this.scheduleFlush();
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
    await this.wal?.close();
    this.wal = null;
  }
}

/** The Yjs update log in PostgreSQL, shared by every instance (see `KyselyDocStore`). */
export class PostgresDocStore extends KyselyDocStore {
  constructor(db: Kysely<Database>) {
    super(db, 'postgres');
  }
}
