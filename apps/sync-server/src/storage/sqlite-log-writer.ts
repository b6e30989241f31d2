import { Worker } from 'node:worker_threads';

export type LogEntry = { docName: string; seq: number; update: Uint8Array };

type Pending = { resolve: () => void; reject: (error: Error) => void };
type Answer = { id: number; ok: true } | { id: number; ok: false; message: string; code?: string };

/** A write of the update log that did not commit; nothing of it is stored. */
export class LogWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'LogWriteError';
  }
}

const workerFile = new URL('./sqlite-log-writer.worker.mjs', import.meta.url);

/**
 * The SQLite update log's writes, done by a worker thread with its own connection to the same file
 * (WAL: the server's connection goes on reading meanwhile). A commit's `fsync` then waits in that
 * thread, and the event loop goes on deciding, relaying and acknowledging while the disk works.
 *
 * Jobs run one at a time in the order they were sent. The thread holds the process open only while a
 * job is out; if it dies, every job out fails (nothing of a failed job is stored) and the next job
 * starts a new thread.
 */
export class SqliteLogWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly file: string) {}

  /** Stores the entries in one transaction; resolves once they are on disk. */
  append(entries: readonly LogEntry[]): Promise<void> {
    return this.send({ kind: 'append', entries });
  }

  /** Replaces the log of `docName` through `throughSeq` with `snapshot` (see `DocStore.compact`). */
  compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.send({ kind: 'compact', docName, snapshot, throughSeq });
  }

  /** Waits for the jobs out, then closes the thread's connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.worker !== null) await this.post({ kind: 'close' }).catch(() => undefined);
    await this.worker?.terminate();
    this.worker = null;
  }

  private send(job: Record<string, unknown>): Promise<void> {
    if (this.closed) return Promise.reject(new LogWriteError('the update log is closed'));
    return this.post(job);
  }

  private post(job: Record<string, unknown>): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...job });
    });
  }

  private start(): Worker {
    const worker = new Worker(workerFile, { workerData: { file: this.file } });
    worker.unref();
    worker.on('message', (answer: Answer) => this.settle(answer));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) =>
      this.lost(worker, new Error(`the update log's writer thread exited (${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  private settle(answer: Answer) {
    const job = this.pending.get(answer.id);
    if (job === undefined) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (answer.ok) job.resolve();
    else job.reject(new LogWriteError(answer.message, answer.code));
  }

  private lost(worker: Worker, cause: Error) {
    if (this.worker !== worker) return;
    this.worker = null;
    const out = [...this.pending.values()];
    this.pending.clear();
    for (const job of out) job.reject(new LogWriteError(`not stored: ${cause.message}`));
  }
}
