import type { Actor, DocRef, Resource, UserId } from '@cograde/domain';

/**
 * The small interfaces the server's core talks through. Storage and fan-out have a SQLite/in-process
 * implementation here and PostgreSQL/Redis ones for several instances; the core never imports a driver.
 */

/** Append-only Yjs update log per document, compacted into snapshots in the background. */
export interface DocStore {
  /** Every stored update of the document, oldest first (a snapshot counts as one update). */
  load(docName: string): Promise<Uint8Array[]>;
  /** Resolves only when the update is durable on disk: the acknowledgement waits for it. */
  append(docName: string, update: Uint8Array): Promise<void>;
  /** Replaces every stored update up to and including those `load` returned with one snapshot. */
  compact(docName: string, snapshot: Uint8Array, replacedCount: number): Promise<void>;
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
