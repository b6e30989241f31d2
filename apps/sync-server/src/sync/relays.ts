import * as Y from 'yjs';
import { updateMessage } from './messages.ts';

/** What a relay needs of a peer: a way to send it a frame. */
export interface RelayPeer {
  send(frame: Uint8Array): void;
}

type Entry<P> = { update: Uint8Array; author: P | null };

/**
 * The updates a room relays during one turn of the event loop, sent at the end of the turn as one
 * sync-update message per peer: the turn's updates in order, merged (`Y.mergeUpdates`), without the
 * ones the peer wrote itself (its author hears of an update by its ack, once it is durable). A peer
 * that is sent anything else first gets what is waiting (`Connection.send` flushes), so every peer
 * still hears of everything in the order the room decided it. A hot document thereby costs one
 * WebSocket message per peer per turn instead of one per peer per update.
 */
export class RelayBatch<P extends RelayPeer> {
  private pending: Entry<P>[] = [];

  constructor(private readonly peers: () => Iterable<P>) {}

  /** Relays `update` to every peer but `author` at the end of this turn. */
  add(update: Uint8Array, author: P | null) {
    this.pending.push({ update, author });
    schedule(this);
  }

  /**
   * Makes this turn's flush come before what is scheduled after it (the store's group commit): an
   * update decided this turn is relayed before the commit's `fsync` holds up the event loop.
   */
  reserve() {
    schedule(this);
  }

  /** Sends what is waiting; a send that reaches back here (a peer flushing first) finds nothing. */
  flush() {
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    const only = entries.length === 1 ? entries[0] : undefined;
    if (only !== undefined) {
      const frame = updateMessage(only.update);
      for (const peer of this.peers()) if (peer !== only.author) peer.send(frame);
      return;
    }
    let frames: Array<[P, Uint8Array]>;
    try {
      frames = this.merged(entries);
    } catch (error) {
      // Yjs merges whatever it can apply; should it fail, every update goes on its own as before.
      console.error('sync: merging relays failed', error);
      frames = [];
      for (const { update, author } of entries) {
        const frame = updateMessage(update);
        for (const peer of this.peers()) if (peer !== author) frames.push([peer, frame]);
      }
    }
    for (const [peer, frame] of frames) peer.send(frame);
  }

  private merged(entries: readonly Entry<P>[]): Array<[P, Uint8Array]> {
    const authors = new Set<P | null>(entries.map((e) => e.author));
    const frames: Array<[P, Uint8Array]> = [];
    let everything: Uint8Array | null = null;
    for (const peer of this.peers()) {
      if (!authors.has(peer)) {
        everything ??= updateMessage(Y.mergeUpdates(entries.map((e) => e.update)));
        frames.push([peer, everything]);
        continue;
      }
      const others = entries.filter((e) => e.author !== peer).map((e) => e.update);
      if (others.length === 0) continue;
      frames.push([
        peer,
        updateMessage(others.length === 1 ? (others[0] as Uint8Array) : Y.mergeUpdates(others)),
      ]);
    }
    return frames;
  }

  /** Forgets what is waiting (the room is gone). */
  clear() {
    this.pending = [];
  }
}

const waiting = new Set<{ flush(): void }>();
let scheduled = false;

const schedule = (batch: { flush(): void }) => {
  waiting.add(batch);
  if (scheduled) return;
  scheduled = true;
  setImmediate(flushAll);
};

const flushAll = () => {
  scheduled = false;
  const batches = [...waiting];
  waiting.clear();
  for (const batch of batches) {
    try {
      batch.flush();
    } catch (error) {
      // One room's failure must not hold back the others' relays.
      console.error('sync: a relay failed', error);
    }
  }
};
