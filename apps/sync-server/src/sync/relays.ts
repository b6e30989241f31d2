import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { updateMessage } from './messages.ts';

/** What a relay needs of a peer: a way to send it a frame. */
export interface RelayPeer {
  send(frame: Uint8Array): void;
}

type Entry<P> = { update: Uint8Array; author: P | null };

/** At most this many updates are merged into one message (Yjs's merge grows faster than linearly). */
export const mergedAtMost = 64;

/** A room that relays at least `hotAtLeast` updates within `hotPeriodMs` is hot (400 a second and up). */
export const hotAtLeast = 4;
export const hotPeriodMs = 10;

/** A hot room sends its relays at most once per `hotWindowMs`. */
export const hotWindowMs = 5;

/**
 * How a room's decided updates reach its peers.
 *
 * A quiet room (co-examiners typing, a few updates a second) sends each update at once to every peer
 * but its author: nothing waits.
 *
 * A hot room (many clients writing one document) sends at most once per `hotWindowMs`. Everything
 * decided in between goes to each peer as one sync-update message: the updates in order, merged
 * (`Y.mergeUpdates`, up to `mergedAtMost` a message). Each peer then reads, applies and observes one
 * message per window instead of one per update, and the server makes one write per peer per window.
 * On a tablet that is the difference between keeping up and falling behind; it adds at most
 * `hotWindowMs` to a relay, where a hot document's clients see each other's typing anyway.
 *
 * A merged message goes to every peer, the authors of some of its updates included (Yjs ignores what
 * a document already holds), except a peer that wrote all of it. A peer that is sent anything else
 * first gets what is waiting (`Connection.send` flushes), so every peer hears of everything in the
 * order the room decided it. Acks in a hot room wait for the next send (`nextSend`), so that each
 * connection gets its relay and its acks in one write.
 */
export class RelayBatch<P extends RelayPeer> {
  private pending: Entry<P>[] = [];
  /** The current counting period (`performance.now()`), its count, and whether the room is hot. */
  private periodStart = Number.NEGATIVE_INFINITY;
  private periodCount = 0;
  private hot = false;
  /** When the room last sent (`performance.now()`). */
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  /** Told at the next send (or at the end of the window if nothing comes). */
  private waiting: Array<() => void> = [];

  constructor(private readonly peers: () => Iterable<P>) {}

  /** Relays `update` to every peer but `author`: at once, or in a hot room at the end of the window. */
  add(update: Uint8Array, author: P | null) {
    const now = performance.now();
    this.count(now);
    if (this.pending.length === 0 && (!this.hot || now - this.lastSent >= hotWindowMs)) {
      this.lastSent = now;
      this.send([{ update, author }]);
      this.release();
      return;
    }
    this.pending.push({ update, author });
    this.wake(now);
  }

  /** Whether the room is hot, as of this moment. */
  isHot(now = performance.now()): boolean {
    this.count(now, 0);
    return this.hot;
  }

  /**
   * In a hot room, a promise that resolves at its next send (at most `hotWindowMs` from now), so that
   * what is waiting for it leaves together with that send; in a quiet room `undefined`: go now.
   */
  nextSend(): Promise<void> | undefined {
    if (!this.isHot()) return undefined;
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.wake(performance.now());
    });
  }

  /** Sends what is waiting; a send that reaches back here (a peer flushing first) finds nothing. */
  flush() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length > 0) {
      const entries = this.pending;
      this.pending = [];
      this.lastSent = performance.now();
      for (let i = 0; i < entries.length; i += mergedAtMost) this.send(entries.slice(i, i + mergedAtMost));
    }
    this.release();
  }

  /** Forgets what is waiting (the room is gone); whoever waits for a send is let go. */
  clear() {
    this.pending = [];
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.release();
  }

  /** Counts `added` relays into the current period; a room is hot from its `hotAtLeast`-th of a period. */
  private count(now: number, added = 1) {
    const elapsed = now - this.periodStart;
    if (elapsed >= hotPeriodMs) {
      // The period just over decides, unless the room was silent for a whole period since.
      this.hot = elapsed < 2 * hotPeriodMs && this.periodCount >= hotAtLeast;
      this.periodStart = now;
      this.periodCount = 0;
    }
    this.periodCount += added;
    if (this.periodCount >= hotAtLeast) this.hot = true;
  }

  /** Makes sure a send comes at the end of the current window. */
  private wake(now: number) {
    if (this.timer !== null) return;
    this.timer = setTimeout(
      () => {
        try {
          this.flush();
        } catch (error) {
          // One room's failure must not stop the timers of the others.
          console.error('sync: a relay failed', error);
        }
      },
      Math.max(0, this.lastSent + hotWindowMs - now),
    );
  }

  private release() {
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
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
}
