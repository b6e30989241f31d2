import * as Y from 'yjs';
import { updateMessage } from './messages.ts';

/** What a relay needs of a peer: a way to send it a frame. */
export interface RelayPeer {
  send(frame: Uint8Array): void;
}

type Entry<P> = { update: Uint8Array; author: P | null };

/** At most this many updates are merged into one message (Yjs's merge grows faster than linearly). */
export const mergedAtMost = 64;

/**
 * The updates a room relays during one turn of the event loop. A quiet room (its last turn relayed at
 * most one update, as when two examiners co-grade) sends the first update of a turn at once, so that
 * it does not wait for the decisions of every other room's frames read in the same turn. The rest,
 * and every update of a busy room, are sent at the end of the turn as one
 * sync-update message per peer: the turn's updates in order, merged (`Y.mergeUpdates`, up to
 * `mergedAtMost` a message). A lone update goes to every peer but its author, as before; a merged one
 * goes to every peer, the authors of some of its updates included (Yjs ignores what a document already
 * holds, so the author's document neither changes nor emits an update: its author still learns
 * that the server holds its update from the ack, once it is durable), except a peer that wrote all
 * of it. A peer that is sent anything else first gets what is waiting (`Connection.send` flushes), so
 * every peer still hears of everything in the order the room decided it. A hot document thereby
 * costs one merge per turn and one WebSocket message per peer, instead of one per peer per update.
 */
export class RelayBatch<P extends RelayPeer> {
  private pending: Entry<P>[] = [];
  /** Updates relayed this turn, and whether the last turn relayed more than one. */
  private relayed = 0;
  private busy = false;

  constructor(
    private readonly peers: () => Iterable<P>,
    /** Told after a flush that sent something (the room then sends the acks it held for it). */
    private readonly flushed: () => void = () => {},
  ) {}

  /** Relays `update` to every peer but `author`: at once in a quiet room, else at the end of this turn. */
  add(update: Uint8Array, author: P | null) {
    this.relayed += 1;
    schedule(this);
    if (!this.busy && this.relayed === 1) this.send([{ update, author }]);
    else this.pending.push({ update, author });
  }

  /**
   * Makes this turn's flush come before what is scheduled after it (the store's group commit): an
   * update decided this turn is relayed before the commit writes the turn's batch on the event loop.
   */
  reserve() {
    schedule(this);
  }

  /** Sends what is waiting; a send that reaches back here (a peer flushing first) finds nothing. */
  flush() {
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    for (let i = 0; i < entries.length; i += mergedAtMost) this.send(entries.slice(i, i + mergedAtMost));
    this.flushed();
  }

  private send(entries: readonly Entry<P>[]) {
    const only = entries.length === 1 ? entries[0] : undefined;
    let frame: Uint8Array;
    let skip: P | null;
    try {
      frame = updateMessage(only?.update ?? Y.mergeUpdates(entries.map((e) => e.update)));
      const authors = new Set(entries.map((e) => e.author));
      skip = authors.size === 1 ? (entries[0]?.author ?? null) : null;
    } catch (error) {
      // Yjs merges whatever it can apply; should it fail, every update goes on its own as before.
      console.error('sync: merging relays failed', error);
      for (const entry of entries) this.send([entry]);
      return;
    }
    for (const peer of this.peers()) if (peer !== skip) peer.send(frame);
  }

  /** The turn is over: sends what is waiting, and notes whether the room is busy. */
  endTurn() {
    this.busy = this.relayed > 1;
    this.relayed = 0;
    this.flush();
  }

  /** Forgets what is waiting (the room is gone). */
  clear() {
    this.pending = [];
  }
}

const waiting = new Set<{ endTurn(): void }>();
let scheduled = false;

const schedule = (batch: { endTurn(): void }) => {
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
      batch.endTurn();
    } catch (error) {
      // One room's failure must not hold back the others' relays.
      console.error('sync: a relay failed', error);
    }
  }
};
