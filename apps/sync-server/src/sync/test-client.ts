import {
  cogradeMessageType,
  type DocRef,
  parseDocName,
  type ServerMessage,
  serverMessageSchema,
} from '@cograde/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * Real y-websocket clients in Node for tests: a `WebsocketProvider` over `ws` that sends the session
 * cookie and a browser Origin, and records Cograde's own messages (acks, refusals, errors).
 */
export type Credentials = { cookie: string; origin: string };

const socketWith = (credentials: Credentials) =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: credentials.cookie, Origin: credentials.origin } });
    }
  };

export const until = async (condition: () => boolean, what: string, limitMs = 15_000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

export const readCogradeMessage = (decoder: decoding.Decoder): ServerMessage =>
  serverMessageSchema.parse(JSON.parse(decoding.readVarString(decoder)));

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly provider: WebsocketProvider;
  closedWith: number | null = null;

  constructor(
    readonly url: string,
    readonly docName: string,
    readonly credentials: Credentials,
    readonly doc = new Y.Doc(),
  ) {
    this.provider = new WebsocketProvider(url, docName, doc, {
      WebSocketPolyfill: socketWith(credentials) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    this.provider.messageHandlers[cogradeMessageType] = (_encoder, decoder) => {
      this.messages.push(readCogradeMessage(decoder));
    };
    this.provider.on('connection-close', (event) => {
      if (event !== null) this.closedWith = event.code;
    });
  }

  get synced() {
    return this.provider.synced;
  }

  get ref(): DocRef {
    const ref = parseDocName(this.docName);
    if (ref === null) throw new Error(`not a document name: ${this.docName}`);
    return ref;
  }

  async whenSynced(): Promise<this> {
    await until(() => this.provider.synced, `${this.docName} to sync`);
    return this;
  }

  map(root: string) {
    return this.doc.getMap<unknown>(root);
  }

  of<T extends ServerMessage['type']>(type: T): Array<Extract<ServerMessage, { type: T }>> {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }

  /** Whether the server has durably stored everything this client wrote. */
  get saved(): boolean {
    const own = Y.getState(this.doc.store, this.doc.clientID);
    if (own === 0) return true;
    const acks = this.of('ack');
    const last = acks[acks.length - 1];
    if (last === undefined) return false;
    const acked = Y.decodeStateVector(new Uint8Array(Buffer.from(last.stateVector, 'base64')));
    return (acked.get(this.doc.clientID) ?? 0) >= own;
  }

  async whenSaved(): Promise<void> {
    await until(() => this.saved, `${this.docName} to be acknowledged`);
  }

  async whenMessage(type: ServerMessage['type'], count = 1): Promise<void> {
    await until(() => this.of(type).length >= count, `${count} ${type} message(s) on ${this.docName}`);
  }

  destroy() {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** A bare WebSocket that speaks frames directly, for malformed input. */
export class RawClient {
  readonly messages: ServerMessage[] = [];
  readonly frames: Uint8Array[] = [];
  readonly ws: WebSocket;
  closed = false;

  constructor(url: string, docName: string, credentials: Credentials) {
    this.ws = new WebSocket(`${url}/${docName}`, {
      headers: { Cookie: credentials.cookie, Origin: credentials.origin },
    });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data);
      this.frames.push(frame);
      if (frame[0] === 0 && frame[1] === 1) this.step2Received++;
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) === cogradeMessageType)
        this.messages.push(readCogradeMessage(decoder));
      this.check?.();
    });
    this.ws.on('close', () => {
      this.closed = true;
      this.check?.();
    });
    this.ws.on('error', () => {});
  }

  async opened(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) resolve();
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade answered ${res.statusCode}`)),
      );
      this.ws.once('error', reject);
    });
    return this;
  }

  private step2Expected = 0;
  private step2Received = 0;
  private check: (() => void) | null = null;

  private waitFor(condition: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const limit = setTimeout(() => {
        this.check = null;
        reject(new Error(`gave up waiting for ${what}`));
      }, 15_000);
      this.check = () => {
        if (!condition()) return;
        clearTimeout(limit);
        this.check = null;
        resolve();
      };
      this.check();
    });
  }

  /**
   * Sends `frame`, then a sync step 1 whose answer marks the end of whatever the server said about
   * `frame`: returns the Cograde messages in between.
   */
  async exchange(frame: Uint8Array): Promise<ServerMessage[]> {
    const before = this.messages.length;
    this.ws.send(frame);
    if (isSyncStep1(frame)) this.step2Expected++;
    const probe = encoding.createEncoder();
    encoding.writeVarUint(probe, 0);
    encoding.writeVarUint(probe, 0);
    encoding.writeVarUint8Array(probe, Y.encodeStateVector(new Y.Doc()));
    this.ws.send(encoding.toUint8Array(probe));
    this.step2Expected++;
    await this.waitFor(() => this.closed || this.step2Received >= this.step2Expected, 'the probe answer');
    return this.messages.slice(before);
  }

  close() {
    this.ws.close();
  }
}

/** Whether the server will answer `frame` with a sync step 2, as it does a well-formed step 1. */
export const isSyncStep1 = (frame: Uint8Array): boolean => {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return false;
    Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    return true;
  } catch {
    return false;
  }
};

/** Upgrades with these credentials and reports the HTTP status the server answered, or 101. */
export const upgradeStatus = (url: string, credentials: Partial<Credentials>): Promise<number> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (credentials.cookie !== undefined) headers.Cookie = credentials.cookie;
    if (credentials.origin !== undefined) headers.Origin = credentials.origin;
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
