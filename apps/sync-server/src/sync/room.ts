import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from '../ports.ts';
import { awarenessMessage, updateMessage } from './messages.ts';

/** What a room needs of a connection: a way to send it a frame. */
export interface Peer {
  send(frame: Uint8Array): void;
  /** The room can no longer serve this peer (storage failed): close so the client reconnects. */
  drop(): void;
}

/** The transaction origin of everything the server itself writes. */
export const serverOrigin = Symbol('cograde-server');

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
  private readonly derived = new Map<string, { stamp: string; value: unknown }>();
  private storedCount: number;
  private compactionQueued = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    stored: Uint8Array[],
    private readonly compactAfter: number,
    private readonly onBroken: (room: Room) => void = () => {},
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
      const frame = awarenessMessage(encodeAwarenessUpdate(this.awareness, changed));
      for (const peer of this.peers) peer.send(frame);
    });
    this.storedCount = stored.length;
    this.doc = Room.build(stored);
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
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.changed.size === 0) return;
      for (const [name, type] of doc.share) {
        if (transaction.changed.has(type))
          this.rootVersions.set(name, (this.rootVersions.get(name) ?? 0) + 1);
      }
    });
  }

  /**
   * What `compute` derives from the given roots of the document, computed again only after one of
   * them changed (a mark does not make the server parse every candidate again).
   */
  derive<T>(key: string, roots: readonly string[], compute: (doc: Y.Doc) => T): T {
    const stamp = `${this.generation}:${roots.map((root) => this.rootVersions.get(root) ?? 0).join(':')}`;
    const cached = this.derived.get(key);
    if (cached !== undefined && cached.stamp === stamp) return cached.value as T;
    const value = compute(this.doc);
    this.derived.set(key, { stamp, value });
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
   * Stores an applied update durably, then relays it to every peer but its author. Relaying only after
   * the append costs the other editors the disk latency, but no peer ever sees a change that a crash
   * could still take back. If storing fails, the document is rebuilt from what is stored.
   */
  async commit(update: Uint8Array, author: Peer | null): Promise<void> {
    try {
      await this.store.append(this.name, update);
    } catch (error) {
      await this.reload();
      throw error;
    }
    this.storedCount++;
    const frame = updateMessage(update);
    for (const peer of this.peers) if (peer !== author) peer.send(frame);
    this.compactIfLong();
  }

  /** Queues a compaction of the stored log into one snapshot once it has grown long. */
  compactIfLong() {
    if (this.storedCount < this.compactAfter || this.compactionQueued) return;
    this.compactionQueued = true;
    void this.run(() => this.compact()).catch(() => undefined);
  }

  /** Rebuilds the document from storage, dropping whatever was applied but not stored. */
  async reload(): Promise<void> {
    let stored: Uint8Array[];
    try {
      stored = await this.store.load(this.name);
    } catch (error) {
      // The document in memory may hold what storage does not: it must not serve anyone any more.
      this.onBroken(this);
      throw error;
    }
    this.storedCount = stored.length;
    this.doc = Room.build(stored);
    this.watch();
    this.generation++;
  }

  private async compact() {
    this.compactionQueued = false;
    if (this.closed || this.storedCount < 2) return;
    try {
      await this.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.storedCount);
      this.storedCount = 1;
    } catch {
      // Someone else compacted the log meanwhile (a maintenance run): count it again and try later.
      this.storedCount = (await this.store.load(this.name)).length;
    }
  }

  destroy() {
    this.closed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Loads rooms on first use and unloads them once nothing has held them for `idleMs`. */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();

  constructor(
    private readonly store: DocStore,
    private readonly options: { idleMs: number; compactAfter: number },
  ) {}

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
  }

  private unload(room: Room) {
    if (room.holds > 0 || room.closed) return;
    this.rooms.delete(room.name);
    room.destroy();
    for (const dependency of room.dependencies ?? []) this.release(dependency);
  }

  private load(name: string): Promise<Room> {
    const pending = this.loading.get(name);
    if (pending !== undefined) return pending;
    const loading = this.store
      .load(name)
      .then((stored) => {
        const room = new Room(name, this.store, stored, this.options.compactAfter, (broken) =>
          this.evict(broken),
        );
        this.rooms.set(name, room);
        room.compactIfLong();
        return room;
      })
      .finally(() => this.loading.delete(name));
    this.loading.set(name, loading);
    return loading;
  }

  async close() {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.rooms.values()];
    await Promise.allSettled(rooms.map((room) => room.run(() => undefined)));
    for (const room of rooms) room.destroy();
    this.rooms.clear();
  }
}
