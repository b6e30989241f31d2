import {
  cogradeMessageType,
  type DocKind,
  parseDocName,
  type Reason,
  type RefusedChangeWithReason,
  type ServerMessage,
  serverMessageSchema,
  unexpectedCase,
} from '@cograde/domain';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyReplay, clientRoots, type PendingChange, pendingChanges, replayPlan } from './rebase.ts';
import {
  decodeBase64StateVector,
  emptyStateVector,
  encodeBase64StateVector,
  mergeStateVectors,
  type StateVector,
  type SyncStatus,
  stateVectorOfUpdate,
  syncStatus,
  unsyncedInsertions,
} from './server-state.ts';
import { skipLoadUpdate } from './skip-load-update.ts';

/** A refusal as this session saw it arrive; the lasting copy is the one the server keeps in the private doc. */
export type SessionRefusal = {
  id: string;
  at: string;
  docName: string;
  reason: Reason;
  detail?: string;
  changes: RefusedChangeWithReason[];
  replayed: PendingChange[];
};

export type Peer = { clientId: number; userId: string; name: string; candidate?: string; question?: string };

export type SyncedDocOptions = {
  serverUrl: string;
  connect?: boolean;
  persist?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now?: () => Date;
  onRefusal?: (refusal: SessionRefusal) => void;
};

const knownKey = (docName: string) => `cograde:known:${docName}`;
const syncStep1 = 0;

const deleteDatabase = (name: string) =>
  new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });

/**
 * One document of the partition: a Y.Doc kept in IndexedDB and synced with the server. Tracks what the
 * server is known to hold, so that the badge can tell the truth, and converges after a refusal by
 * rebuilding from the server and replaying the pending values that were not refused.
 */
export class SyncedDoc {
  readonly docName: string;
  readonly kind: DocKind;
  doc: Y.Doc = $state.raw(new Y.Doc());
  /** Bumped on every change of the document, so that readers re-run. */
  version = $state(0);
  connected = $state(false);
  synced = $state(false);
  loadedLocally = $state(false);
  /**
   * Whether the document holds what was written before: read from this device's store, or synced with
   * the server. A write made earlier races what is stored (Yjs keeps one of two concurrent writes to a
   * key by client id, not by time), and a reader sees nothing yet.
   */
  get holdsStored(): boolean {
    return this.loadedLocally || this.synced;
  }
  access: 'read' | 'write' | null = $state(null);
  unsynced = $state(0);
  peers: Peer[] = $state([]);
  lastError: Reason | null = $state(null);
  converging = $state(false);

  #opts: SyncedDocOptions;
  #provider: WebsocketProvider | null = null;
  #persistence: IndexeddbPersistence | null = null;
  #known: StateVector;
  #deletions = new Map<string, number>();
  /** Pending values waiting to be replayed onto a rebuilt document: unsynced, though not in any Y.Doc now. */
  #replaying = 0;
  #localPresence: Record<string, unknown> = {};
  #queue: Promise<void> = Promise.resolve();
  #destroyed = false;

  constructor(docName: string, opts: SyncedDocOptions) {
    const ref = parseDocName(docName);
    if (ref === null) throw new Error(`not a document name: ${docName}`);
    this.docName = docName;
    this.kind = ref.kind;
    this.#opts = opts;
    const stored = opts.storage?.getItem(knownKey(docName));
    this.#known = stored ? decodeBase64StateVector(stored) : emptyStateVector();
    this.#attach(new Y.Doc());
  }

  get status(): SyncStatus {
    return syncStatus({ connected: this.connected, synced: this.synced, unsynced: this.unsynced });
  }

  get provider(): WebsocketProvider | null {
    return this.#provider;
  }

  /** What the server is known to hold; exposed for tests and diagnostics. */
  get known(): StateVector {
    return this.#known;
  }

  #attach(doc: Y.Doc) {
    this.doc = doc;
    this.synced = false;
    this.loadedLocally = this.#opts.persist === false;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.#provider) this.#learn(stateVectorOfUpdate(update));
      this.version++;
      this.#recount();
    });
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (!tr.local) return;
      const clock = Y.getState(doc.store, doc.clientID);
      for (const [type, keys] of tr.changed) {
        if (!(type instanceof Y.Map) || type._item !== null) continue;
        const root = [...doc.share].find(([, t]) => (t as unknown) === type)?.[0];
        if (root === undefined) continue;
        for (const key of keys) {
          if (key === null) continue;
          if (type.has(key)) this.#deletions.delete(`${root}/${key}`);
          else this.#deletions.set(`${root}/${key}`, clock);
        }
      }
    });
    if (this.#opts.persist !== false) {
      const persistence = new IndexeddbPersistence(this.docName, doc);
      this.#persistence = persistence;
      const stopSkipping = skipLoadUpdate(
        doc,
        (tr) => tr.origin === persistence && this.#provider?.wsconnected !== true,
      );
      void persistence.whenSynced.then(() => {
        stopSkipping();
        if (this.#persistence !== persistence) return;
        this.loadedLocally = true;
        // The load had no `update` event (skipLoadUpdate): readers learn of it here.
        this.version++;
        this.#recount();
      });
    }
    // Started without a network (a cold start offline), no socket is opened only to be closed again:
    // the registry's `online` handler connects it (`goOnline`).
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const provider = new WebsocketProvider(this.#opts.serverUrl, this.docName, doc, {
      connect: (this.#opts.connect ?? true) && !offline,
      disableBc: true,
      maxBackoffTime: 5000,
      ...(this.#opts.WebSocketPolyfill ? { WebSocketPolyfill: this.#opts.WebSocketPolyfill } : {}),
    });
    this.#provider = provider;
    const handleSync = provider.messageHandlers[0];
    provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, messageType) => {
      // The server's sync step 1 is its state vector: all of that is stored on its side.
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncStep1)
        this.#learn(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      handleSync?.(encoder, decoder, p, emitSynced, messageType);
    };
    provider.messageHandlers[cogradeMessageType] = (_encoder, decoder) => {
      this.receive(decoding.readVarString(decoder));
    };
    provider.on('status', ({ status }) => {
      if (this.#provider !== provider) return;
      this.connected = status === 'connected';
      if (!this.connected) this.synced = false;
    });
    provider.on('sync', (isSynced: boolean) => {
      if (this.#provider === provider) this.synced = isSynced;
    });
    provider.awareness.on('change', () => {
      if (this.#provider === provider) this.#readPeers();
    });
    if (Object.keys(this.#localPresence).length > 0) provider.awareness.setLocalState(this.#localPresence);
    this.version++;
    this.#recount();
  }

  /** Handles one Cograde message (type 100) from the server. */
  receive(json: string) {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      return;
    }
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    this.handle(parsed.data);
  }

  handle(message: ServerMessage) {
    switch (message.type) {
      case 'access':
        this.access = message.access;
        return;
      case 'ack': {
        const acked = decodeBase64StateVector(message.stateVector);
        const own = acked.get(this.doc.clientID) ?? 0;
        for (const [ref, clock] of this.#deletions) if (clock <= own) this.#deletions.delete(ref);
        this.#learn(acked);
        this.#recount();
        return;
      }
      case 'refused':
        // A refusal that names no change while nothing of ours is unsynced refused an empty sync reply
        // (a read-only document answering the server's sync step 1): nothing was lost, nothing to rebuild.
        if (message.changes.length === 0 && this.unsynced === 0) return;
        void this.#enqueueConvergence(message);
        return;
      case 'error':
        this.lastError = message.reason;
        return;
      default:
        unexpectedCase(message);
    }
  }

  #learn(sv: StateVector) {
    const merged = mergeStateVectors(this.#known, sv);
    if (merged === this.#known) return;
    this.#known = merged;
    this.#opts.storage?.setItem(knownKey(this.docName), encodeBase64StateVector(merged));
    this.#recount();
  }

  #recount() {
    this.unsynced =
      unsyncedInsertions(Y.decodeStateVector(Y.encodeStateVector(this.doc)), this.#known) +
      this.#deletions.size +
      this.#replaying;
  }

  #enqueueConvergence(message: Extract<ServerMessage, { type: 'refused' }>) {
    this.#queue = this.#queue.then(() => this.#converge(message)).catch(() => undefined);
    return this.#queue;
  }

  /** Resolves once the IndexedDB copy has been read into the document. */
  async whenLoaded(): Promise<void> {
    await this.#persistence?.whenSynced;
  }

  /** Resolves once every queued convergence has finished (for tests and logout). */
  settled(): Promise<void> {
    return this.#queue;
  }

  /**
   * R6: the server refused an update whole. Collect what the server does not hold yet, drop the refused
   * entries, throw the local copy away, rebuild from the server and replay the rest.
   */
  async #converge(message: Extract<ServerMessage, { type: 'refused' }>) {
    if (this.#destroyed) return;
    this.converging = true;
    const pending = pendingChanges(
      this.doc,
      clientRoots(this.kind),
      this.#known,
      new Set(this.#deletions.keys()),
    );
    const plan = replayPlan(pending, message.changes);
    this.#opts.onRefusal?.({
      id: message.refusalId,
      at: (this.#opts.now?.() ?? new Date()).toISOString(),
      docName: this.docName,
      reason: message.reason,
      ...(message.detail !== undefined ? { detail: message.detail } : {}),
      changes: message.changes,
      replayed: plan,
    });
    await this.#teardown(true);
    this.#deletions.clear();
    if (this.#destroyed) return;
    this.#replaying = plan.length;
    this.#attach(new Y.Doc());
    await this.#whenServerSynced();
    this.#replaying = 0;
    applyReplay(this.doc, plan);
    this.#recount();
    this.converging = false;
  }

  #whenServerSynced(): Promise<void> {
    const provider = this.#provider;
    if (provider === null || provider.synced || !provider.shouldConnect) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (isSynced: boolean) => {
        if (!isSynced) return;
        provider.off('sync', done);
        resolve();
      };
      provider.on('sync', done);
    });
  }

  async #teardown(clearLocal: boolean) {
    const provider = this.#provider;
    const persistence = this.#persistence;
    this.#provider = null;
    this.#persistence = null;
    this.connected = false;
    this.synced = false;
    provider?.awareness.setLocalState(null);
    provider?.destroy();
    if (persistence) {
      await persistence.destroy();
      if (clearLocal) await deleteDatabase(this.docName);
    }
    this.doc.destroy();
  }

  /** The browser lost the network: stop trusting a socket that may linger half-open. */
  goOffline() {
    this.#provider?.disconnect();
  }

  goOnline() {
    if (this.#opts.connect !== false) this.#provider?.connect();
  }

  /** Announces where this user is (candidate, question) to the co-examiners on this document. */
  setPresence(presence: Record<string, unknown>) {
    this.#localPresence = presence;
    this.#provider?.awareness.setLocalState(presence);
  }

  #readPeers() {
    const provider = this.#provider;
    if (provider === null) return;
    const peers: Peer[] = [];
    for (const [clientId, state] of provider.awareness.getStates()) {
      if (clientId === provider.awareness.clientID) continue;
      const s = state as Partial<Record<string, unknown>>;
      if (typeof s.userId !== 'string' || typeof s.name !== 'string') continue;
      peers.push({
        clientId,
        userId: s.userId,
        name: s.name,
        ...(typeof s.candidate === 'string' ? { candidate: s.candidate } : {}),
        ...(typeof s.question === 'string' ? { question: s.question } : {}),
      });
    }
    this.peers = peers;
  }

  /** Closes the connection; with `clearLocal` also removes the IndexedDB copy and what was known. */
  async destroy(clearLocal = false) {
    this.#destroyed = true;
    await this.#teardown(clearLocal);
    if (clearLocal) this.#opts.storage?.removeItem(knownKey(this.docName));
  }
}
