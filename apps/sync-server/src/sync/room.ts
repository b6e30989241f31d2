import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore, FanOut, FanOutMessage, HeadTracker, Staged, StoredTail } from '../ports.ts';
import { ackOf, awarenessMessage } from './messages.ts';
import { RelayBatch } from './relays.ts';

/** What a room needs of a connection: a way to send it a frame. */
export interface Peer {
  send(frame: Uint8Array): void;
  /** The room can no longer serve this peer (storage failed): close so the client reconnects. */
  drop(): void;
}

/** The transaction origin of everything the server itself writes. */
export const serverOrigin = Symbol('cograde-server');

/** The origin of what another instance accepted and stored (arriving over the fan-out or from storage). */
export const remoteOrigin = Symbol('cograde-remote');

/** The users a document's presence names, each once, in order. */
const presentUsers = (awareness: Awareness): string[] => {
  const users = new Set<string>();
  for (const state of awareness.getStates().values()) {
    if (typeof state.userId === 'string') users.add(state.userId);
  }
  return [...users].sort();
};

/** Stands for the connections of other instances in `awarenessOwners`: no local connection may take over their ids. */
const remotePeer: Peer = { send: () => {}, drop: () => {} };

/** Where a room sends what other instances must hear of; a no-op for a single instance. */
export type Publish = (message: FanOutMessage) => void;

/** A gap in the sequence numbers received is given this long to fill before the room reads storage. */
export const gapGraceMs = 250;

/** Whether a transaction inserted or deleted anything (Yjs's own test before it emits an update). */
const changedAnything = (transaction: Y.Transaction): boolean => {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState)
    if (transaction.beforeState.get(client) !== clock) return true;
  return false;
};

/** A room compacts its log at most this often, unless it grew `compactionGapFactor` times past its limit. */
export const compactionGapMs = 1000;
const compactionGapFactor = 20;

/** Thrown by a decision that changed the document but must not be stored; the room is rebuilt. */
export class Rollback extends Error {}

/**
 * The one owner of a document in memory. Every change to it runs through `run`, one at a time and in
 * arrival order, so a decision taken on the document's state stays true until the change is applied and
 * stored, without locks.
 */
export class Room {
  doc: Y.Doc;
  /** Presence of this document's connections; never shared with another document. */
  readonly awareness = new Awareness(new Y.Doc());
  readonly peers = new Set<Peer>();
  /** How decided updates reach the peers: at once, or in a hot room once per window (`relays.ts`). */
  private readonly relays = new RelayBatch<Peer>(() => (this.closed ? [] : this.peers));
  /** Which connection publishes each presence client id: nobody else may change or remove it. */
  readonly awarenessOwners = new Map<number, Peer>();
  /** Bumped when the document is rebuilt from storage. */
  private generation = 0;
  /** Bumped per root map, so what is derived from a few roots survives changes to the others. */
  private readonly rootVersions = new Map<string, number>();
  /** Connections, server writes and dependent rooms currently using this room. */
  holds = 0;
  closed = false;
  dependencies: Room[] | null = null;
  /** Recent refusals per author, so a client that re-sends refused content is not recorded again. */
  readonly recentRefusals = new Map<string, string>();
  private tail: Promise<unknown> = Promise.resolve();
  /** The commit of the latest update staged here. */
  private lastDurable: Promise<void> = Promise.resolve();
  /** The store's commit the latest updates staged here wait for, and those updates (`whenDurable`). */
  private batch: { stored: Promise<void>; updates: { seq: number; update: Uint8Array }[] } | null = null;
  /** The ack frame of this turn's accepted updates, while the turn lasts (`ack`). */
  private turnAck: Promise<Uint8Array> | null = null;
  /** The compaction running outside the queue, if any (it never rejects). */
  private compaction: Promise<void> = Promise.resolve();
  private readonly derived = new Map<string, { generation: number; versions: number[]; value: unknown }>();
  /** Whether the document's latest transaction inserted or deleted anything. */
  private lastChanged = false;
  /** Log entries stored since the last snapshot, as far as this instance knows: compaction picks by it. */
  private entries: number;
  private compactionQueued = false;
  private lastCompaction = Number.NEGATIVE_INFINITY;
  /** The latest sequence number of the stored log this room holds without a gap. */
  seq: number;
  /** Numbers above `seq` already held (this instance's own appends that overtook another's). */
  private readonly ahead = new Set<number>();
  /** Updates from other instances that arrived before one with a smaller number. */
  private readonly early = new Map<number, Uint8Array>();
  private gapTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    stored: StoredTail,
    private readonly compactAfter: number,
    private readonly onBroken: (room: Room) => void = () => {},
    private readonly publish: Publish = () => {},
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
      const update = encodeAwarenessUpdate(this.awareness, changed);
      const frame = awarenessMessage(update);
      this.flushRelays();
      for (const peer of this.peers) peer.send(frame);
      if (origin === remoteOrigin) {
        for (const id of [...(added ?? []), ...(updated ?? [])])
          if (!this.awarenessOwners.has(id)) this.awarenessOwners.set(id, remotePeer);
        for (const id of removed ?? [])
          if (this.awarenessOwners.get(id) === remotePeer) this.awarenessOwners.delete(id);
      } else {
        // Validated here (or a local removal): the other instances relay it as it is.
        this.publish({ kind: 'awareness', docName: this.name, update });
      }
    });
    this.entries = stored.updates.length;
    this.seq = stored.seq;
    this.doc = Room.build(stored.updates);
    this.watch();
  }

  private static build(stored: Uint8Array[]): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const update of stored) Y.applyUpdate(doc, update);
    }, serverOrigin);
    return doc;
  }

  private watch() {
    const doc = this.doc;
    // Root types by name, read from `doc.share` when a new root shows up.
    const rootNames = new Map<unknown, string>();
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      this.lastChanged = changedAnything(transaction);
      for (const type of transaction.changed.keys()) {
        let name = rootNames.get(type);
        if (name === undefined) {
          for (const [root, shared] of doc.share) rootNames.set(shared, root);
          name = rootNames.get(type);
        }
        if (name !== undefined) this.rootVersions.set(name, (this.rootVersions.get(name) ?? 0) + 1);
      }
    });
  }

  /**
   * What `compute` derives from the given roots of the document, computed again only after one of
   * them changed (a mark does not make the server parse every candidate again).
   */
  derive<T>(key: string, roots: readonly string[], compute: (doc: Y.Doc) => T): T {
    const cached = this.derived.get(key);
    if (
      cached !== undefined &&
      cached.generation === this.generation &&
      roots.every((root, i) => cached.versions[i] === (this.rootVersions.get(root) ?? 0))
    )
      return cached.value as T;
    const value = compute(this.doc);
    const versions = roots.map((root) => this.rootVersions.get(root) ?? 0);
    this.derived.set(key, { generation: this.generation, versions, value });
    return value;
  }

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Applies `change` and returns the update it produced, or `null` when it changed nothing. */
  capture(change: (doc: Y.Doc) => void): Uint8Array | null {
    const updates: Uint8Array[] = [];
    const listen = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', listen);
    try {
      change(this.doc);
    } finally {
      this.doc.off('update', listen);
    }
    if (updates.length === 0) return null;
    return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
  }

  /**
   * Applies a client's update that was decided on (every struct and deletion in it: `describeUpdate`)
   * and returns it as the update to store and relay, or `null` when the document held all of it
   * already. Stored as the client sent it, not as Yjs would encode the transaction again (`capture`):
   * what it holds beyond the transaction is only what the document, and so the log before it, already
   * holds, which Yjs ignores wherever it is applied; encoding each update once more cost about 5 % of
   * a hot document's CPU. No `update` listener is on the document meanwhile, so Yjs encodes nothing.
   */
  applyDecided(update: Uint8Array, origin: unknown): Uint8Array | null {
    this.lastChanged = false;
    Y.applyUpdate(this.doc, update, origin);
    return this.lastChanged ? update : null;
  }

  /**
   * Decides and stores one change at the head of the stored log: `produce` runs inside the store's
   * transaction, after whatever other instances stored meanwhile (of this document and of
   * `dependencies`, the documents the decision reads) has been applied, applies its change and returns
   * the update to store (or `null`). Resolves once the update is durable (see `stage`).
   */
  async commitAtHead(
    produce: () => Uint8Array | null,
    author: Peer | null,
    dependencies: readonly Room[] = [],
  ): Promise<Uint8Array | null> {
    const staged = await this.stage(produce, author, dependencies);
    if (staged === null) return null;
    await staged.durable;
    return staged.update;
  }

  /**
   * `commitAtHead` up to the decision: resolves once the update is decided, applied and numbered, and
   * relays it to every peer but its author at once (the store may still be committing it: see the
   * README's trade-offs); `durable` resolves once it is on disk, when it is published to the other
   * instances. If `produce` fails after the document changed, the document is rebuilt from storage;
   * if the commit fails, the room is dropped (its peers reconnect and send again), as after a crash.
   */
  async stage(
    produce: () => Uint8Array | null,
    author: Peer | null,
    dependencies: readonly Room[] = [],
  ): Promise<{ update: Uint8Array; durable: Promise<void> } | null> {
    // A lookup among two or three rooms, per update: no map to build.
    const roomOf = (name: string) =>
      name === this.name ? this : dependencies.find((dependency) => dependency.name === name);
    const tracker: HeadTracker = {
      seqOf: (name) => roomOf(name)?.seq ?? 0,
      catchUp: (name, tail) => roomOf(name)?.applyTail(tail),
    };
    let applied: Uint8Array | null = null;
    let staged: Staged | null;
    try {
      staged = await this.store.stageAtHead(
        this.name,
        dependencies.map((d) => d.name),
        tracker,
        () => {
          applied = produce();
          return applied;
        },
      );
    } catch (error) {
      // Whether or not the change was applied here, what is stored is the truth (and a room whose
      // storage is gone drops its peers so that their clients reconnect and send again).
      await this.reload();
      throw error;
    }
    const update: Uint8Array | null = applied;
    if (staged === null || update === null) return null;
    const { seq } = staged;
    this.entries++;
    this.advance(seq);
    this.relays.add(update, author);
    return { update, durable: this.whenDurable(staged.durable, seq, update) };
  }

  /**
   * Publishes `update` once `stored` resolves, and makes that the room's latest commit. Updates that
   * share the store's commit (group commit hands out one promise per batch) share one reaction: a hot
   * room does not queue a promise job per update.
   */
  private whenDurable(stored: Promise<void>, seq: number, update: Uint8Array): Promise<void> {
    const batch = this.batch;
    if (batch !== null && batch.stored === stored) {
      batch.updates.push({ seq, update });
      return this.lastDurable;
    }
    const updates = [{ seq, update }];
    this.batch = { stored, updates };
    const durable = stored.then(
      () => {
        if (this.batch?.stored === stored) this.batch = null;
        for (const entry of updates)
          this.publish({ kind: 'update', docName: this.name, seq: entry.seq, update: entry.update });
        this.compactIfLong();
      },
      (error: unknown) => {
        if (this.batch?.stored === stored) this.batch = null;
        // Peers may hold what is not stored: they must reconnect, and the document be read again.
        this.onBroken(this);
        throw error;
      },
    );
    durable.catch(() => undefined);
    this.lastDurable = durable;
    return durable;
  }

  /**
   * The ack of an update just decided (or of an empty reply): at the end of the turn the room takes
   * its state vector and builds the ack frame once for every update of the turn, then resolves once
   * everything staged until then is durable (the store commits in order, so the ack names only what is
   * on disk). Rejects if that commit failed: the room is dropped and its clients send again.
   */
  ack(): Promise<Uint8Array> {
    if (this.turnAck !== null) return this.turnAck;
    const ack = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.turnAck = null;
      const stateVector = Y.encodeStateVector(this.doc);
      // In a hot room the ack waits for the room's next relay, so that both leave in one write.
      return this.lastDurable.then(() => this.relays.nextSend()).then(() => ackOf(stateVector));
    });
    // Its connections may await it only after their earlier answers went out.
    ack.catch(() => undefined);
    this.turnAck = ack;
    return ack;
  }

  /** Resolves once everything this room staged so far is durable (or its commit failed). */
  settled(): Promise<void> {
    return this.lastDurable.catch(() => undefined);
  }

  /**
   * An update another instance stored as number `seq`: applied and relayed in number order. One that
   * arrives ahead of a missing number waits briefly for it; if it does not come, storage is read.
   */
  receive(seq: number, update: Uint8Array) {
    if (this.closed || seq <= this.seq || this.ahead.has(seq) || this.early.has(seq)) return;
    if (seq !== this.seq + 1) {
      this.early.set(seq, update);
      this.watchGap();
      return;
    }
    this.applyRemote([update]);
    this.advance(seq);
  }

  /** Presence from another instance's connections, validated there. */
  receiveAwareness(update: Uint8Array) {
    if (this.closed) return;
    applyAwarenessUpdate(this.awareness, update, remoteOrigin);
  }

  /** Applies what storage holds after `seq` (another instance stored it), relays it, and moves `seq` on. */
  applyTail(tail: StoredTail) {
    if (this.closed) return;
    if (tail.updates.length > 0) this.applyRemote(tail.updates);
    this.entries += tail.updates.length;
    if (tail.seq > this.seq) {
      this.seq = tail.seq;
      for (const n of this.ahead) if (n <= this.seq) this.ahead.delete(n);
      for (const n of this.early.keys()) if (n <= this.seq) this.early.delete(n);
    }
    this.advance(this.seq);
  }

  /**
   * Reads from storage whatever was stored after `seq`: after a gap in the numbers, a fan-out
   * reconnect, or before a server read. Safe outside the queue: it only adds what is durable.
   */
  async resync(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const generation = this.generation;
      const tail = await this.store.loadSince(this.name, this.seq);
      // Rebuilt from storage meanwhile, possibly from an older read: ask again from the new `seq`.
      if (generation !== this.generation) continue;
      this.applyTail(tail);
      return;
    }
  }

  private applyRemote(updates: readonly Uint8Array[]) {
    const applied = this.capture((doc) =>
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      }, remoteOrigin),
    );
    const { pendingStructs, pendingDs } = this.doc.store;
    if (pendingStructs !== null || pendingDs !== null) {
      // Something it depends on is missing here: storage has it.
      void this.run(() => this.reload()).catch(() => undefined);
    }
    if (applied === null) return;
    this.relays.add(applied, null);
  }

  /** Sends the relays waiting for the end of the turn now: anything sent to a peer must come after them. */
  flushRelays() {
    this.relays.flush();
  }

  /** Notes that number `seq` is held, then takes every waiting update that now follows on. */
  private advance(seq: number) {
    if (seq > this.seq) this.ahead.add(seq);
    for (;;) {
      const next = this.seq + 1;
      if (this.ahead.delete(next)) {
        this.seq = next;
        continue;
      }
      const early = this.early.get(next);
      if (early === undefined) break;
      this.early.delete(next);
      this.applyRemote([early]);
      this.seq = next;
    }
    if (this.ahead.size === 0 && this.early.size === 0) {
      if (this.gapTimer !== null) clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else this.watchGap();
  }

  private watchGap() {
    if (this.gapTimer !== null || this.closed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.ahead.size > 0 || this.early.size > 0) void this.resync().catch(() => this.watchGap());
    }, gapGraceMs);
    this.gapTimer.unref();
  }

  /**
   * Queues a compaction of the stored log into one snapshot once it has grown long. A compaction
   * encodes and stores the whole document, so a hot room (thousands of updates a second) compacts at
   * most once per `compactionGapMs`, unless its log grew past `compactAfter` many times over.
   */
  compactIfLong() {
    if (this.entries < this.compactAfter || this.compactionQueued) return;
    const recent = performance.now() - this.lastCompaction < compactionGapMs;
    if (recent && this.entries < this.compactAfter * compactionGapFactor) return;
    this.lastCompaction = performance.now();
    this.compactionQueued = true;
    void this.run(() => this.compact()).catch(() => undefined);
  }

  /** Rebuilds the document from storage, dropping whatever was applied but not stored. */
  async reload(): Promise<void> {
    let stored: StoredTail;
    // What was staged before must be in what is read, or the rebuilt document would lack it.
    await this.settled();
    try {
      stored = await this.store.loadSince(this.name, 0);
    } catch (error) {
      // The document in memory may hold what storage does not: it must not serve anyone any more.
      this.onBroken(this);
      throw error;
    }
    const before = Y.encodeStateVector(this.doc);
    this.entries = stored.updates.length;
    this.seq = stored.seq;
    this.ahead.clear();
    for (const n of this.early.keys()) if (n <= this.seq) this.early.delete(n);
    this.doc = Room.build(stored.updates);
    this.watch();
    this.generation++;
    // What other instances stored meanwhile, for the peers that have not seen it.
    const news = Y.encodeStateAsUpdate(this.doc, before);
    if (news.byteLength > 2) this.relays.add(news, null);
    this.advance(this.seq);
    // An update from another instance applied to the old document while this one was read may be
    // missing from it: read once more from the new number.
    void this.resync().catch(() => undefined);
  }

  private async compact() {
    if (this.closed || this.entries < 2 || this.seq < 1) {
      this.compactionQueued = false;
      return;
    }
    // The snapshot must not hold more than the log it replaces: only what is durable (nothing can be
    // staged meanwhile, this runs in the queue).
    await this.settled();
    if (this.closed) {
      this.compactionQueued = false;
      return;
    }
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const through = this.seq;
    const folded = this.entries;
    // Rewritten outside the queue: the room goes on deciding meanwhile (the store keeps what is
    // appended after `through`, and one compaction per room runs at a time).
    this.compaction = this.store.compact(this.name, snapshot, through).then(
      () => {
        this.entries = Math.max(1, this.entries - folded + 1);
      },
      () => {
        // Storage refused (another instance is ahead, or it failed): try again after more updates.
        this.entries = Math.floor(this.compactAfter / 2);
      },
    );
    void this.compaction.finally(() => {
      this.compactionQueued = false;
    });
  }

  /** Resolves once what was staged is durable and no compaction is running. */
  async quiet(): Promise<void> {
    await this.settled();
    await this.compaction;
  }

  destroy() {
    this.closed = true;
    this.relays.clear();
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Loads rooms on first use and unloads them once nothing has held them for `idleMs`. */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();

  /** Messages for documents still loading: applied once the room exists (duplicates are skipped). */
  private readonly early = new Map<string, FanOutMessage[]>();

  constructor(
    private readonly store: DocStore,
    private readonly options: {
      idleMs: number;
      compactAfter: number;
      /** Told when the set of users present in a document changes (this instance's and others'). */
      onPresence?: (docName: string, userIds: readonly string[]) => void;
    },
    private readonly fanOut: FanOut | null = null,
  ) {
    fanOut?.onMessage((message) => this.receive(message));
    fanOut?.onResync(() => {
      for (const room of this.rooms.values()) void room.resync().catch(() => undefined);
    });
  }

  private receive(message: FanOutMessage) {
    const room = this.rooms.get(message.docName);
    if (room === undefined) {
      this.early.get(message.docName)?.push(message);
      return;
    }
    if (message.kind === 'update') room.receive(message.seq, message.update);
    else room.receiveAwareness(message.update);
  }

  get size() {
    return this.rooms.size;
  }

  names() {
    return [...this.rooms.keys()];
  }

  presenceCount() {
    let count = 0;
    for (const room of this.rooms.values()) {
      for (const id of room.awareness.meta.keys()) if (id !== room.awareness.clientID) count++;
    }
    return count;
  }

  async acquire(name: string): Promise<Room> {
    for (;;) {
      const room = this.rooms.get(name) ?? (await this.load(name));
      if (room.closed) continue;
      room.holds++;
      const timer = this.idleTimers.get(room);
      if (timer !== undefined) {
        clearTimeout(timer);
        this.idleTimers.delete(room);
      }
      return room;
    }
  }

  release(room: Room) {
    room.holds--;
    if (room.holds > 0 || room.closed || this.idleTimers.has(room)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      void room.run(() => this.unload(room));
    }, this.options.idleMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  /** Makes `room` hold the rooms its validation reads (exam, commission) for as long as it is loaded. */
  async holdDependencies(room: Room, names: readonly string[]): Promise<Room[]> {
    if (room.dependencies !== null) return room.dependencies;
    const held: Room[] = [];
    try {
      for (const name of names) held.push(await this.acquire(name));
    } catch (error) {
      for (const dependency of held) this.release(dependency);
      throw error;
    }
    if (room.dependencies !== null || room.closed) {
      for (const dependency of held) this.release(dependency);
      return room.dependencies ?? [];
    }
    room.dependencies = held;
    return held;
  }

  /** Forgets a room at once, failure or not: the next use loads it again from storage. */
  private evict(room: Room) {
    if (room.closed) return;
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    const timer = this.idleTimers.get(room);
    if (timer !== undefined) clearTimeout(timer);
    this.idleTimers.delete(room);
    for (const peer of [...room.peers]) peer.drop();
    room.destroy();
    for (const dependency of room.dependencies ?? []) this.release(dependency);
    if (!this.loading.has(room.name)) void this.fanOut?.unsubscribe(room.name).catch(() => undefined);
  }

  private unload(room: Room) {
    if (room.holds > 0 || room.closed) return;
    this.rooms.delete(room.name);
    room.destroy();
    for (const dependency of room.dependencies ?? []) this.release(dependency);
    if (!this.loading.has(room.name)) void this.fanOut?.unsubscribe(room.name).catch(() => undefined);
  }

  private watchPresence(room: Room) {
    const onPresence = this.options.onPresence;
    if (onPresence === undefined) return;
    let last = '';
    room.awareness.on('change', () => {
      const users = presentUsers(room.awareness);
      const key = users.join('\n');
      if (key === last) return;
      last = key;
      onPresence(room.name, users);
    });
  }

  private load(name: string): Promise<Room> {
    const pending = this.loading.get(name);
    if (pending !== undefined) return pending;
    // Subscribed before reading storage: whatever is published after the read reaches the room.
    this.early.set(name, []);
    const fanOut = this.fanOut;
    const loading = (fanOut === null ? Promise.resolve() : fanOut.subscribe(name))
      .then(() => this.store.loadSince(name, 0))
      .then((stored) => {
        const room = new Room(
          name,
          this.store,
          stored,
          this.options.compactAfter,
          (broken) => this.evict(broken),
          fanOut === null ? undefined : (message) => fanOut.publish(message),
        );
        this.rooms.set(name, room);
        this.watchPresence(room);
        for (const message of this.early.get(name) ?? []) this.receive(message);
        room.compactIfLong();
        return room;
      })
      .finally(() => {
        this.loading.delete(name);
        this.early.delete(name);
      });
    this.loading.set(name, loading);
    return loading;
  }

  async close() {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.rooms.values()];
    await Promise.allSettled(rooms.map((room) => room.run(() => room.quiet())));
    for (const room of rooms) room.destroy();
    this.rooms.clear();
  }
}
