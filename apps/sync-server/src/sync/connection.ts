import { randomUUID } from 'node:crypto';
import {
  type DocAccess,
  describeUpdate,
  presenceShared,
  type Reason,
  type RefusedChangeWithReason,
} from '@cograde/domain';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AccessCache } from './access.ts';
import { encodeAwarenessEntries, maxClientsPerConnection, readAwarenessUpdate } from './awareness.ts';
import type { SyncLimits } from './limits.ts';
import {
  awarenessMessage,
  cogradeMessage,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
  syncStep1Message,
  syncStep2Message,
} from './messages.ts';
import { type Peer, Rollback, type Room } from './room.ts';
import type { Admission } from './upgrade.ts';
import { decideUpdate, writeContext } from './validate.ts';

export type Refused = { reason: Reason; detail?: string; changes: RefusedChangeWithReason[] };

/** What a connection needs from the service around it. */
export type ConnectionContext = {
  limits: SyncLimits;
  /** Keeps a refusal where its author can read it (R6); resolves once it is stored. */
  recordRefusal: (room: Room, admission: Admission, refused: Refused) => Promise<string>;
  log: (message: string, error?: unknown) => void;
  /** Told after a client's update is stored and acknowledged. */
  accepted: (docName: string) => void;
};

const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;

/** A frame the server could not make sense of; answered with an `error` message, nothing changed. */
class BadFrame extends Error {
  constructor(
    readonly reason: Reason,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

/**
 * One client's WebSocket on one document. Every frame is handled inside the room's queue, access is
 * re-checked before each one, and every update is decided on before it is applied.
 */
export class Connection implements Peer {
  private readonly clientIds = new Set<number>();
  private announced: DocAccess | null = null;
  /** Set once the server asked this client to resync, until one of its updates is accepted again. */
  private resyncRequested = false;
  private queued = 0;
  private queuedBytes = 0;
  /** Answers waiting for an earlier update's ack, or `null` when none is waiting. */
  private outbox: Promise<void> | null = null;
  /** The ack step last queued in the outbox, while nothing was queued after it. */
  private lastAck: { ack: Promise<Uint8Array>; count: number; accepted: boolean } | null = null;
  private corked = false;
  closed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly admission: Admission,
    readonly room: Room,
    private readonly dependencies: readonly Room[],
    private readonly access: AccessCache,
    private readonly context: ConnectionContext,
  ) {}

  send(frame: Uint8Array) {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    // The room's relays of this turn come first: the client hears of everything in the room's order.
    this.room.flushRelays();
    // Nothing goes to a client on an access answer older than the TTL: a reader who only listens
    // (never sends a frame) loses a withdrawn access as soon as the document next changes.
    const sent = this.access.gate((access) =>
      access === 'none' ? this.close(4403, 'forbidden') : this.write(frame),
    );
    if (sent instanceof Promise) sent.catch((error: unknown) => this.accessUnknown(error));
  }

  /** The directory did not answer: the client reconnects and is admitted (or not) afresh. */
  private accessUnknown(error: unknown) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.context.log(`sync: could not ask again for access to ${this.room.name}`, error);
    this.close(1011, 'access unknown');
  }

  private write(frame: Uint8Array) {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.context.limits.sendBufferBytes) {
      // A client that does not read its messages would otherwise hold them all in memory.
      this.ws.terminate();
      return;
    }
    this.cork();
    this.ws.send(frame);
  }

  /**
   * Holds this socket's writes until the current tick's work is done, so that what it is sent
   * together (the room's relays flushed before an ack, the acks of several updates) leaves in one
   * write instead of one system call per message.
   */
  private cork() {
    if (this.corked) return;
    const socket = socketOf(this.ws);
    if (socket === null) return;
    this.corked = true;
    socket.cork();
    // After the promise jobs queued so far too (acks released by a relay flush are sent in them).
    queueMicrotask(() =>
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      }),
    );
  }

  /**
   * Answers to this client's own frames go out in the order of the frames: an answer waits for an
   * earlier update's ack, which waits for that update to be durable (relays from other clients do not).
   */
  private reply(frame: Uint8Array) {
    if (this.outbox === null) this.send(frame);
    else this.afterReplies(() => this.send(frame));
  }

  /**
   * Acknowledges an update (or an empty reply) once the room's ack of this turn is ready: one ack
   * message per update, but the updates of one turn share one step in the outbox and one frame.
   */
  private acknowledge(accepted: boolean) {
    const ack = this.room.ack();
    const last = this.lastAck;
    if (last !== null && last.ack === ack) {
      last.count++;
      last.accepted ||= accepted;
      return;
    }
    const entry = { ack, count: 1, accepted };
    this.afterReplies(async () => {
      const frame = await ack;
      if (this.lastAck === entry) this.lastAck = null;
      for (let i = 0; i < entry.count; i++) this.send(frame);
      if (entry.accepted) this.context.accepted(this.room.name);
    });
    this.lastAck = entry;
  }

  private afterReplies(step: () => Promise<void> | void) {
    // Whatever is queued after an ack is answered after it: later updates get an ack of their own.
    this.lastAck = null;
    const next = (this.outbox ?? Promise.resolve()).then(step).catch(() => undefined);
    this.outbox = next;
    void next.then(() => {
      if (this.outbox === next) this.outbox = null;
    });
  }

  /** Greets the client: its access, the server's state vector, and who else is present. */
  open() {
    this.announce(this.access.access);
    this.send(syncStep1Message(this.room.doc));
    const present = [...this.room.awareness.getStates().keys()];
    if (present.length > 0) this.send(awarenessMessage(encodeAwarenessUpdate(this.room.awareness, present)));
  }

  receive(frame: Uint8Array): Promise<void> {
    const { queuedFrames, queuedBytes } = this.context.limits;
    if (this.queued >= queuedFrames || this.queuedBytes + frame.length > queuedBytes) {
      // A client that sends faster than its document can take would otherwise fill the memory.
      this.close(1013, 'too many frames');
      return Promise.resolve();
    }
    this.queued++;
    this.queuedBytes += frame.length;
    return this.room
      .run(() => this.handle(frame))
      .catch((error: unknown) => {
        if (error instanceof BadFrame) this.error(error.reason, error.detail);
        else {
          this.context.log(`sync: failed on ${this.room.name}`, error);
          this.error('badRequest', 'the server could not handle this message');
        }
      })
      .finally(() => {
        this.queued--;
        this.queuedBytes -= frame.length;
      });
  }

  private error(reason: Reason, detail?: string) {
    this.reply(cogradeMessage({ type: 'error', reason, ...(detail === undefined ? {} : { detail }) }));
  }

  private announce(access: DocAccess) {
    if (access === 'none' || access === this.announced) return;
    this.announced = access;
    this.reply(cogradeMessage({ type: 'access', access }));
  }

  drop() {
    this.close(1011, 'document unavailable');
  }

  close(code: number, reason: string) {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close(code, reason);
  }

  /** Forgets everything this connection put into the room: its presence and its place among the peers. */
  detach() {
    this.closed = true;
    this.room.peers.delete(this);
    const mine = [...this.clientIds].filter((id) => this.room.awarenessOwners.get(id) === this);
    for (const id of mine) this.room.awarenessOwners.delete(id);
    if (mine.length > 0) removeAwarenessStates(this.room.awareness, mine, this);
    // y-protocols keeps a clock per departed client forever; a long-lived room would grow with them.
    for (const id of mine) this.room.awareness.meta.delete(id);
  }

  private async handle(frame: Uint8Array) {
    if (this.closed) return;
    return this.access.gate((access) => this.handleWith(frame, access));
  }

  private async handleWith(frame: Uint8Array, access: DocAccess) {
    if (this.closed) return;
    if (access === 'none') {
      // Access was withdrawn mid-session: leave without saying anything about the document.
      this.close(4403, 'forbidden');
      return;
    }
    this.announce(access);
    const decoder = decoding.createDecoder(frame);
    const type = read(() => decoding.readVarUint(decoder));
    switch (type) {
      case messageSync:
        return this.handleSync(decoder, access);
      case messageAwareness:
        return this.handleAwareness(read(() => decoding.readVarUint8Array(decoder)));
      case messageQueryAwareness: {
        const present = [...this.room.awareness.getStates().keys()];
        this.reply(awarenessMessage(encodeAwarenessUpdate(this.room.awareness, present)));
        return;
      }
      default:
        throw new BadFrame('badRequest', `unknown message type ${type}`);
    }
  }

  private async handleSync(decoder: decoding.Decoder, access: 'read' | 'write') {
    const step = read(() => decoding.readVarUint(decoder));
    switch (step) {
      case syncStep1: {
        const stateVector = read(() => decoding.readVarUint8Array(decoder));
        read(() => Y.decodeStateVector(stateVector));
        this.reply(syncStep2Message(this.room.doc, stateVector));
        return;
      }
      case syncStep2:
      case syncUpdate:
        return this.handleUpdate(
          read(() => decoding.readVarUint8Array(decoder)),
          access,
          step === syncUpdate,
        );
      default:
        throw new BadFrame('badRequest', `unknown sync message ${step}`);
    }
  }

  /**
   * `live`: a sync update (one client transaction), stored as sent. A sync step 2 is stored as Yjs
   * integrated it: it carries the client's whole delete set, mostly held here already.
   */
  private async handleUpdate(update: Uint8Array, access: 'read' | 'write', live: boolean) {
    if (update.length > this.context.limits.updateBytes) {
      return this.refuse({ reason: 'tooLarge', detail: `${update.length} bytes`, changes: [] });
    }
    if (access !== 'write') {
      // A read-only client's sync step 2 is usually empty: that is no attempt to write.
      const described = describeUpdate(this.room.doc, update);
      if (described.ok && described.changes.length === 0) {
        this.acknowledge(false);
        return;
      }
      return this.refuse({ reason: 'readOnly', changes: [] });
    }
    const { ref, user } = this.admission;
    // Decided inside the store's transaction at the head of the log: whatever another instance stored
    // (a lock registered there, say) is applied before the decision, and nothing can be stored between
    // the decision and this update.
    let refused: Refused | null = null;
    try {
      await this.room.stage(
        () => {
          refused = null;
          const ctx = writeContext(ref, this.room, this.dependencies, user.userId);
          if (!ctx.ok) {
            refused = { reason: ctx.reason, ...detail(ctx.detail), changes: [] };
            return null;
          }
          const decision = decideUpdate(ctx.ctx, this.room.doc, update);
          if (!decision.ok) {
            refused = decision;
            return null;
          }
          let applied: Uint8Array | null;
          try {
            applied = live
              ? this.room.applyDecided(update, this)
              : this.room.capture((doc) => Y.applyUpdate(doc, update, this));
          } catch (error) {
            // describeUpdate should have refused what Yjs cannot apply; a half-applied update must not stay.
            this.context.log(`sync: an accepted update failed to apply on ${this.room.name}`, error);
            refused = { reason: 'undecodable', changes: [] };
            throw new Rollback();
          }
          const { pendingStructs, pendingDs } = this.room.doc.store;
          if (pendingStructs !== null || pendingDs !== null) {
            // describeUpdate should have refused this; never keep content Yjs would integrate later, unchecked.
            this.context.log(`sync: pending structs slipped through on ${this.room.name}`);
            refused = { reason: 'missingDependencies', changes: [] };
            throw new Rollback();
          }
          return applied;
        },
        this,
        this.dependencies,
      );
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    if (refused !== null) return this.refuse(refused);
    this.resyncRequested = false;
    // The ack names what the server held at the end of this turn (this update and the others decided
    // with it), and is sent only once that is durable. Meanwhile the room takes the next frame: the
    // commit is shared with whatever else arrives. If the commit fails there is no ack: the room is
    // dropped, the client reconnects and sends again.
    this.acknowledge(true);
  }

  /**
   * Tells the author what was refused and why, keeps the refused content in their private document,
   * and asks the client for a resync so it learns what the server holds. A client that sends the same
   * refused content again is told again, but neither recorded twice nor asked twice.
   */
  private async refuse(refused: Refused) {
    const recent = this.room.recentRefusals;
    // Only refusals with content are kept, so only they can be repeats of one already kept.
    const fingerprint =
      refused.changes.length === 0
        ? null
        : `${this.admission.user.userId}\u0000${refused.reason}\u0000${JSON.stringify(refused.changes)}`;
    let refusalId = fingerprint === null ? undefined : recent.get(fingerprint);
    if (refusalId === undefined) {
      try {
        refusalId = await this.context.recordRefusal(this.room, this.admission, refused);
      } catch (error) {
        // Keeping it failed; telling the author must not: their client still holds the content.
        this.context.log(`sync: could not keep a refusal on ${this.room.name}`, error);
        refusalId = randomUUID();
      }
      if (fingerprint !== null) recent.set(fingerprint, refusalId);
      if (recent.size > 100) recent.delete(recent.keys().next().value as string);
    }
    this.reply(cogradeMessage({ type: 'refused', refusalId, ...refused }));
    if (!this.resyncRequested) {
      this.resyncRequested = true;
      this.reply(syncStep1Message(this.room.doc));
    }
  }

  private handleAwareness(update: Uint8Array) {
    if (update.length > this.context.limits.awarenessBytes) throw new BadFrame('tooLarge', 'presence');
    const owners = this.room.awarenessOwners;
    // y-websocket clients send back the others' presence they were sent, as they got it: such an echo
    // changes nothing and is left out. A newer clock would speak for the other connection: refused.
    const isEcho = (clientId: number, clock: number) => {
      const owner = owners.get(clientId);
      const known = this.room.awareness.meta.get(clientId)?.clock;
      return owner !== undefined && owner !== this && known !== undefined && clock <= known;
    };
    const parsed = readAwarenessUpdate(update, this.admission.user.userId, isEcho);
    if (!parsed.ok) throw new BadFrame(parsed.reason, parsed.detail);
    // R9: presence on a document opened across commissions (the exam, the appeal record) would name the
    // ordinary examiners to the appeal examiners: it is dropped there, neither kept nor relayed.
    if (!presenceShared(this.admission.ref.kind) || parsed.entries.length === 0) return;
    for (const { clientId } of parsed.entries) {
      const owner = owners.get(clientId);
      if (owner !== undefined && owner !== this)
        throw new BadFrame('forbidden', 'presence of another connection');
      if (clientId === this.room.awareness.clientID)
        throw new BadFrame('forbidden', 'presence of the server');
      if (owner === undefined && this.clientIds.size >= maxClientsPerConnection) {
        throw new BadFrame('tooLarge', 'too many presence states');
      }
    }
    for (const { clientId } of parsed.entries) {
      this.clientIds.add(clientId);
      owners.set(clientId, this);
    }
    applyAwarenessUpdate(this.room.awareness, encodeAwarenessEntries(parsed.entries), this);
  }
}

type Corkable = { cork(): void; uncork(): void };

/** The TCP socket under a `ws` WebSocket (not part of its typed API), or `null` if it has none. */
const socketOf = (ws: WebSocket): Corkable | null => {
  const socket = (ws as unknown as { _socket?: Partial<Corkable> | null })._socket;
  return typeof socket?.cork === 'function' && typeof socket.uncork === 'function'
    ? (socket as Corkable)
    : null;
};

const detail = (text: string | undefined) => (text === undefined ? {} : { detail: text });

const read = <T>(decode: () => T): T => {
  try {
    return decode();
  } catch {
    throw new BadFrame('undecodable', 'the message could not be decoded');
  }
};
