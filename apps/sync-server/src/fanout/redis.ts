import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { FanOut, FanOutMessage } from '../ports.ts';
import { decodeMessage, encodeMessage } from './codec.ts';

export type RedisFanOutOptions = {
  /** `redis://host:port[/db]` */
  url: string;
  /** Prefixed to every channel, so that deployments (or test runs) sharing one Redis stay apart. */
  prefix?: string;
  log?: (message: string, error?: unknown) => void;
};

/**
 * Fan-out over Redis pub/sub, one channel per document (`<prefix>doc:<name>`), subscribed while the
 * document is loaded. Pub/sub delivers at most once: a message published while an instance was
 * disconnected is lost to it, so every (re)connection calls the resync handlers
 * (each loaded document is then read again from the database), and the sequence numbers in update
 * messages reveal any other gap. One publishing connection keeps an instance's messages in order.
 */
export class RedisFanOut implements FanOut {
  readonly id = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly handlers: ((message: FanOutMessage) => void)[] = [];
  private readonly resyncHandlers: (() => void)[] = [];
  private readonly log: (message: string, error?: unknown) => void;
  private connectedBefore = false;
  published = 0;
  failedPublishes = 0;
  received = 0;
  resyncs = 0;

  constructor(options: RedisFanOutOptions) {
    this.prefix = options.prefix ?? 'cograde:';
    this.log = options.log ?? ((message, error) => console.error(message, error ?? ''));
    const common = { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false } as const;
    // No offline queue for publishing: while Redis is away a message fails at once instead of piling
    // up in memory (the other instances resync from the database when Redis is back).
    this.pub = new Redis(options.url, {
      ...common,
      enableOfflineQueue: false,
      connectionName: `cograde-pub-${this.id}`,
    });
    this.sub = new Redis(options.url, { ...common, connectionName: `cograde-sub-${this.id}` });
    this.pub.on('error', (error) => this.log('redis (publish): connection error', error));
    this.sub.on('error', (error) => this.log('redis (subscribe): connection error', error));
    this.sub.on('ready', () => {
      // ioredis subscribes again by itself; what was published in between is lost to this instance
      // (also before the first connection, when documents were loaded while Redis was away).
      if (this.connectedBefore) this.log('redis: reconnected, reading the loaded documents again');
      this.connectedBefore = true;
      this.resyncs++;
      for (const handler of this.resyncHandlers) handler();
    });
    this.sub.on('messageBuffer', (_channel: Buffer, bytes: Buffer) => {
      const decoded = decodeMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (decoded === null || decoded.sender === this.id) return;
      this.received++;
      for (const handler of this.handlers) handler(decoded.message);
    });
  }

  private channel(docName: string) {
    return `${this.prefix}doc:${docName}`;
  }

  async subscribe(docName: string) {
    await this.sub.subscribe(this.channel(docName));
  }

  async unsubscribe(docName: string) {
    await this.sub.unsubscribe(this.channel(docName));
  }

  publish(message: FanOutMessage) {
    this.published++;
    const bytes = Buffer.from(encodeMessage(this.id, message));
    this.pub.publish(this.channel(message.docName), bytes).catch((error: unknown) => {
      // The update is stored: the other instances find it by its number or on their next resync.
      this.failedPublishes++;
      if (this.failedPublishes === 1 || this.failedPublishes % 1000 === 0)
        this.log(`redis: could not publish (${this.failedPublishes} so far)`, error);
    });
  }

  onMessage(handler: (message: FanOutMessage) => void) {
    this.handlers.push(handler);
  }

  onResync(handler: () => void) {
    this.resyncHandlers.push(handler);
  }

  ready() {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Waits until both connections are up (the first time), or fails after `ms`. */
  async connected(ms = 10_000): Promise<void> {
    const start = Date.now();
    while (!this.ready()) {
      if (Date.now() - start > ms) throw new Error('redis: not reachable');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close() {
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
  }
}
