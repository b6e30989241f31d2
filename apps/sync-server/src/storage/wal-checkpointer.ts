import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite from 'better-sqlite3';

/** How often the checkpointer copies the WAL into the database file. */
export const checkpointEveryMs = 1000;

/** SQLite's own default, restored on the server's connection if the checkpointer stops. */
const autoCheckpointPages = 1000;

/**
 * The checkpointer's thread, as source: a worker made from a file would need one path under the
 * TypeScript sources (tests) and another in the bundle (`npm start`). It has its own connection to the
 * file and runs a PASSIVE checkpoint on a timer, which neither waits for nor blocks the writer.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
// SQLite's errors lose their message on the way out of a thread: the reason is sent as text.
const fail = (error) => {
  parentPort.postMessage({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  process.exit(1);
};
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { fileMustExist: true });
  const checkpoint = () => {
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ kind: 'checkpointed', frames: result.checkpointed });
    } catch (error) {
      fail(error);
    }
  };
  const timer = setInterval(checkpoint, workerData.everyMs);
  parentPort.on('message', (message) => {
    if (message === 'now') checkpoint();
    if (message === 'stop') {
      clearInterval(timer);
      db.close();
      parentPort.close();
    }
  });
  parentPort.postMessage({ kind: 'ready' });
} catch (error) {
  fail(error);
}
`;

type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'checkpointed'; frames: number }
  | { kind: 'failed'; reason: string };

export type WalCheckpointer = {
  /** Resolves once the thread has its connection and the server's connection stopped checkpointing. */
  readonly ready: Promise<void>;
  /** Resolves after the next checkpoint (tests; a server waits for the timer). */
  checkpointNow(): Promise<number>;
  /** Stops the thread and closes its connection; the server's connection checkpoints on its own again. */
  close(): Promise<void>;
};

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits runs a
 * checkpoint whenever the WAL passes 1,000 pages: it copies the pages into the database file and syncs
 * that file and the WAL, inside a commit, on the event loop. Under 2,000 updates a second that was a
 * commit of 2–7 ms every few hundred milliseconds (most commits take 0.1 ms), and every frame that
 * arrived meanwhile waited. A second connection on a worker thread now checkpoints once a second, and
 * the server's connection never does (`wal_autocheckpoint = 0`) while that thread runs.
 *
 * If the thread cannot start or fails, the server's connection checkpoints on its own again, as
 * before: slower commits, never a WAL that grows without bound.
 */
export const startWalCheckpointer = (
  sqlite: BetterSqlite.Database,
  file: string,
  opts: { everyMs?: number; log?: (message: string, error?: unknown) => void } = {},
): WalCheckpointer => {
  const log = opts.log ?? console.error;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    // Not the server's own flags: `--input-type=module` or a loader would change how the source runs.
    execArgv: [],
    workerData: { driver, file, everyMs: opts.everyMs ?? checkpointEveryMs },
    // A few megabytes of heap are all it needs; the server's memory is budgeted (2,000 connections).
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  worker.unref();
  let stopping = false;
  const waiting: ((frames: number) => void)[] = [];
  const ownCheckpoints = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
  };
  const ready = new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      ownCheckpoints();
      log(`SQLite checkpointer stopped (${error.message}); the server's connection checkpoints again`);
      reject(error);
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'ready':
          sqlite.pragma('wal_autocheckpoint = 0');
          return resolve();
        case 'checkpointed':
          for (const answer of waiting.splice(0)) answer(message.frames);
          return;
        case 'failed':
          return failed(new Error(message.reason));
      }
    });
    worker.once('error', failed);
  });
  ready.catch(() => undefined);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) ownCheckpoints();
      for (const answer of waiting.splice(0)) answer(0);
      resolve();
    }),
  );
  return {
    ready,
    checkpointNow() {
      return new Promise((resolve) => {
        waiting.push(resolve);
        worker.postMessage('now');
      });
    },
    async close() {
      if (stopping) return exited;
      stopping = true;
      ownCheckpoints();
      // Unreferenced, the thread would not keep the process alive until it has closed its connection.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
};
