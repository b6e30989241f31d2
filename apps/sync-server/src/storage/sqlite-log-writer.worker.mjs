// @ts-check
// The SQLite update log's writer thread (see `sqlite-log-writer.ts`): it owns the log's writes, so the
// `fsync` of every commit waits here and not on the server's event loop. JavaScript rather than
// TypeScript because Node 20 cannot start a worker thread from TypeScript source (the tests and `tsx`
// run the server from source; the bundle ships this file beside `main.js` as it is). Type-checked
// through the JSDoc below.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** @typedef {{ docName: string; seq: number; update: Uint8Array }} Entry */
/**
 * @typedef {{ id: number; kind: 'append'; entries: Entry[] }
 *   | { id: number; kind: 'compact'; docName: string; snapshot: Uint8Array; throughSeq: number }
 *   | { id: number; kind: 'close' }} Job
 */

if (parentPort === null) throw new Error('sqlite-log-writer.worker.mjs runs as a worker thread only');
const port = parentPort;

/** @type {SQLite.Database} */
const db = new SQLite(/** @type {{ file: string }} */ (workerData).file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
// The server's own connection writes relational rows now and then: wait for it rather than fail.
db.pragma('busy_timeout = 5000');

const insert = db.prepare('INSERT INTO doc_updates (doc_name, doc_seq, bytes) VALUES (?, ?, ?)');
const setHead = db.prepare(
  'INSERT INTO doc_heads (doc_name, seq) VALUES (?, ?) ON CONFLICT (doc_name) DO UPDATE SET seq = excluded.seq',
);
const headOf = db.prepare('SELECT seq FROM doc_heads WHERE doc_name = ?');
const snapshotOf = db.prepare('SELECT through_doc_seq FROM doc_snapshots WHERE doc_name = ?');
const dropThrough = db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND doc_seq <= ?');
const putSnapshot = db.prepare(
  `INSERT INTO doc_snapshots (doc_name, bytes, through_seq, through_doc_seq) VALUES (?, ?, ?, ?)
   ON CONFLICT (doc_name) DO UPDATE SET bytes = excluded.bytes, through_seq = excluded.through_seq,
   through_doc_seq = excluded.through_doc_seq`,
);

/** One batch, one transaction, one `fsync`: every update in it becomes durable together. */
const append = db.transaction(
  /** @param {Entry[]} entries */ (entries) => {
    /** @type {Map<string, number>} */
    const latest = new Map();
    for (const { docName, seq, update } of entries) {
      insert.run(docName, seq, update);
      latest.set(docName, seq);
    }
    for (const [docName, seq] of latest) setHead.run(docName, seq);
  },
);

/**
 * The log up to `throughSeq` replaced by the snapshot, in one transaction: a crash leaves either the old
 * log or the new snapshot, and what was appended after `throughSeq` stays. A snapshot older than the
 * stored one is dropped.
 */
const compact = db.transaction(
  /** @param {string} docName @param {Uint8Array} snapshot @param {number} throughSeq */
  (docName, snapshot, throughSeq) => {
    const head = Number(/** @type {{ seq: number } | undefined} */ (headOf.get(docName))?.seq ?? 0);
    if (throughSeq > head)
      throw new Error(`compact ${docName}: through ${throughSeq}, but the log ends at ${head}`);
    const previous = /** @type {{ through_doc_seq: number } | undefined} */ (snapshotOf.get(docName));
    if (previous !== undefined && previous.through_doc_seq >= throughSeq) return;
    dropThrough.run(docName, throughSeq);
    putSnapshot.run(docName, snapshot, throughSeq, throughSeq);
  },
);

port.on('message', (/** @type {Job} */ job) => {
  try {
    if (job.kind === 'append') append.immediate(job.entries);
    else if (job.kind === 'compact') compact.immediate(job.docName, job.snapshot, job.throughSeq);
    else {
      db.close();
      port.postMessage({ id: job.id, ok: true });
      port.close();
      return;
    }
    port.postMessage({ id: job.id, ok: true });
  } catch (error) {
    const e = /** @type {{ message?: string; code?: string }} */ (error);
    port.postMessage({ id: job.id, ok: false, message: String(e?.message ?? error), code: e?.code });
  }
});
