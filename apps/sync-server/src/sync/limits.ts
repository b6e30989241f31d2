export type SyncLimits = {
  /** Largest WebSocket frame; a larger one closes the connection (1009). */
  frameBytes: number;
  /** Largest Yjs update in a frame; a larger one is refused. */
  updateBytes: number;
  /** Largest presence update. */
  awarenessBytes: number;
  /** Frames a connection may have waiting in its document's queue before it is closed. */
  queuedFrames: number;
  /** Bytes of frames a connection may have waiting before it is closed. */
  queuedBytes: number;
  /** Unsent bytes a connection may hold before it is dropped as not reading. */
  sendBufferBytes: number;
  /** How long a document stays in memory after its last user left. */
  idleMs: number;
  /** How old a connection's answer to "may this user still open this document?" may get. */
  accessTtlMs: number;
  /** Stored updates after which a document's log is compacted into one snapshot. */
  compactAfter: number;
};

export const defaultLimits: SyncLimits = {
  // An offline session's sync step 2 carries every text it wrote in one frame: room for long explanations.
  frameBytes: 4 * 1024 * 1024,
  updateBytes: 2 * 1024 * 1024,
  awarenessBytes: 8 * 1024,
  queuedFrames: 2048,
  queuedBytes: 16 * 1024 * 1024,
  sendBufferBytes: 16 * 1024 * 1024,
  idleMs: 10_000,
  accessTtlMs: 3_000,
  compactAfter: 500,
};
