import type { FanOut, FanOutMessage } from '../ports.ts';
import { decodeMessage, encodeMessage } from './codec.ts';

/**
 * Fan-out between sync services in one process: what one member publishes reaches every other member
 * subscribed to the document, in order, asynchronously (as over a network). For tests of several
 * instances without Redis, and the model the Redis implementation follows. `drop` loses messages on
 * purpose, as a lossy network would.
 */
export class InProcessHub {
  private readonly members = new Set<InProcessFanOut>();
  /** While set, a message is lost when it returns true. */
  drop: ((message: FanOutMessage) => boolean) | null = null;

  join(): InProcessFanOut {
    const member = new InProcessFanOut(this, `member-${this.members.size + 1}`);
    this.members.add(member);
    return member;
  }

  leave(member: InProcessFanOut) {
    this.members.delete(member);
  }

  send(from: InProcessFanOut, bytes: Uint8Array) {
    const decoded = decodeMessage(bytes);
    if (decoded === null || this.drop?.(decoded.message)) return;
    for (const member of this.members) if (member !== from) member.deliver(decoded.message);
  }

  /** Tells every member that messages may have been lost, as a reconnect does. */
  reconnect() {
    for (const member of this.members) member.resync();
  }
}

export class InProcessFanOut implements FanOut {
  private readonly docs = new Set<string>();
  private readonly handlers: ((message: FanOutMessage) => void)[] = [];
  private readonly resyncHandlers: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly hub: InProcessHub,
    readonly id: string,
  ) {}

  async subscribe(docName: string) {
    this.docs.add(docName);
  }

  async unsubscribe(docName: string) {
    this.docs.delete(docName);
  }

  publish(message: FanOutMessage) {
    const bytes = encodeMessage(this.id, message);
    // In publish order, after the publisher's current task, like a socket write.
    this.queue = this.queue.then(() => this.hub.send(this, bytes));
  }

  deliver(message: FanOutMessage) {
    if (!this.docs.has(message.docName)) return;
    for (const handler of this.handlers) handler(message);
  }

  resync() {
    for (const handler of this.resyncHandlers) handler();
  }

  onMessage(handler: (message: FanOutMessage) => void) {
    this.handlers.push(handler);
  }

  onResync(handler: () => void) {
    this.resyncHandlers.push(handler);
  }

  ready() {
    return true;
  }

  async close() {
    this.hub.leave(this);
  }
}
