import type { Actor, DocRef, Resource, UserId } from '@cograde/domain';

/**
 * The small interfaces the server's core talks through. Storage and fan-out have a SQLite/in-process
 * implementation here and PostgreSQL/Redis ones for several instances; the core never imports a driver.
 */

/** What is stored of a document after a given sequence number, and the document's latest number. */
export type StoredTail = {
  /** Oldest first; starts with the snapshot when a compaction folded some of the asked-for updates into it. */
  updates: Uint8Array[];
  /** The document's latest sequence number (0: nothing stored). */
  seq: number;
};

/** How the caller of `appendAtHead` tracks the documents it holds in memory. */
export interface HeadTracker {
  /** The latest sequence number the caller has applied of `docName` without a gap. */
  seqOf(docName: string): number;
  /** Applies what was stored of `docName` after `seqOf(docName)`: the caller had not seen it yet. */
  catchUp(docName: string, tail: StoredTail): void;
}

/** An update decided and numbered by `DocStore.stageAtHead`; `durable` settles when its commit does. */
export type Staged = { seq: number; durable: Promise<void> };

/**
 * Append-only Yjs update log per document, compacted into snapshots in the background. Every stored
 * update gets the document's next sequence number (1, 2, 3 … in commit order), so that several
 * instances sharing one database can tell whether they missed one.
 */
export interface DocStore {
  /** Every stored update of the document, oldest first (a snapshot counts as one update). */
  load(docName: string): Promise<Uint8Array[]>;
  /** The updates stored after `afterSeq` (everything when `afterSeq` is 0) and the latest number. */
  loadSince(docName: string, afterSeq: number): Promise<StoredTail>;
  /** Resolves with the update's sequence number only when it is durable: the acknowledgement waits for it. */
  append(docName: string, update: Uint8Array): Promise<number>;
  /**
   * Decides and appends at the head of the log, in one transaction that holds `docName`'s head locked
   * (and the heads of `reads`, the documents the decision reads, shared): first every one of them the
   * tracker is behind on is brought up to date through `tracker.catchUp`, then `produce` runs on that
   * state and returns the update to store, or `null` for nothing. Resolves with the update's number once
   * it is durable (`null` when nothing was stored). No other instance can append to `docName` or to
   * a document of `reads` between the decision and the commit.
   */
  appendAtHead(
    docName: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<number | null>;
  /**
   * `appendAtHead` in two steps: resolves once the update is decided and numbered (`null` when nothing
   * is to be stored), while `durable` resolves once it is on disk. Updates of one store become durable
   * in the order they were staged; if committing fails, `durable` rejects for that update and for every
   * one staged after it that is not yet durable. A store without group commit stages and commits at once.
   */
  stageAtHead(
    docName: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<Staged | null>;
  /**
   * Replaces every stored update up to and including number `throughSeq` with `snapshot` (which must
   * contain them). One compaction per document at a time; a snapshot older than the stored one is
   * ignored.
   */
  compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  close(): Promise<void>;
}

/** An update of a document, or presence, as it travels between instances. */
export type FanOutMessage =
  | { kind: 'update'; docName: string; seq: number; update: Uint8Array }
  | { kind: 'awareness'; docName: string; update: Uint8Array };

/**
 * Carries accepted updates (after they are durable) and presence between the instances that serve
 * the same documents. Delivery is best effort: an instance that missed something finds out from the
 * sequence numbers (or from `onResync`) and reads the document again from the database.
 */
export interface FanOut {
  /** Starts receiving the document's messages from other instances (never one's own). */
  subscribe(docName: string): Promise<void>;
  unsubscribe(docName: string): Promise<void>;
  publish(message: FanOutMessage): void;
  onMessage(handler: (message: FanOutMessage) => void): void;
  /** Called when messages may have been lost (a reconnect): every loaded document must be read again. */
  onResync(handler: () => void): void;
  /** Whether messages can flow now (the readiness endpoint reports it). */
  ready(): boolean;
  close(): Promise<void>;
}

/** Who the user is, in the terms `can()` needs, and which resource a document name stands for. */
export interface AccessDirectory {
  actorOf(userId: UserId): Promise<Actor | null>;
  /** `null` when no such document exists; callers must answer exactly as for a forbidden one. */
  resourceOf(ref: DocRef): Promise<Resource | null>;
}

export interface SessionUser {
  userId: UserId;
  username: string;
  displayName: string;
}

/** Resolves the session cookie of an HTTP request or a WebSocket upgrade. */
export interface SessionResolver {
  userOf(sessionToken: string): Promise<SessionUser | null>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Writes to documents with the server's authority (server actions, seeding progress): the change is
 * stored durably, then sent to every connection that has the document open.
 */
export interface DocWriter {
  transact(docName: string, change: (doc: import('yjs').Doc) => void): Promise<void>;
  read<T>(docName: string, read: (doc: import('yjs').Doc) => T): Promise<T>;
}
