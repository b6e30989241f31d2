/**
 * Real Yjs clients: y-websocket's `WebsocketProvider` for Cograde (with the session cookie and an
 * allowed Origin) and for the reference relay, `@hocuspocus/provider` for Hocuspocus. Every client
 * counts the bytes the server sent it and, on Cograde, hands Cograde's own messages to `onCograde`.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerKind } from './servers.ts';

/** Cograde's extra y-websocket message type (`cogradeMessageType` in @cograde/domain). */
const cogradeMessageType = 100;

export type ClientTarget = { kind: ServerKind; wsUrl: string; origin: string };
export type CogradeMessage = { type: string; [key: string]: unknown };

export type BenchClient = {
  doc: Y.Doc;
  bytesIn(): number;
  synced(): boolean;
  whenSynced(limitMs?: number): Promise<void>;
  onCograde: ((message: CogradeMessage) => void) | null;
  destroy(): void;
};

const countingSocket = (headers: Record<string, string>, counter: { bytes: number }) =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        counter.bytes += Array.isArray(data)
          ? data.reduce((n, b) => n + b.length, 0)
          : ((data as Buffer).length ?? (data as ArrayBuffer).byteLength);
      });
    }
  };

export const connect = (target: ClientTarget, docName: string, cookie?: string): BenchClient => {
  const doc = new Y.Doc();
  const counter = { bytes: 0 };
  const headers: Record<string, string> = { Origin: target.origin };
  if (cookie !== undefined) headers.Cookie = cookie;
  const Socket = countingSocket(headers, counter);
  let client: BenchClient;
  if (target.kind === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: target.wsUrl,
      WebSocketPolyfill: Socket,
      maxAttempts: 0,
    });
    const provider = new HocuspocusProvider({ websocketProvider, name: docName, document: doc });
    provider.attach();
    client = {
      doc,
      bytesIn: () => counter.bytes,
      synced: () => provider.isSynced,
      whenSynced: (limitMs) => until(() => provider.isSynced, `${docName} synced`, limitMs),
      onCograde: null,
      destroy: () => {
        provider.destroy();
        websocketProvider.destroy();
      },
    };
  } else {
    const provider = new WebsocketProvider(target.wsUrl, docName, doc, {
      WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 500,
    });
    client = {
      doc,
      bytesIn: () => counter.bytes,
      synced: () => provider.synced,
      whenSynced: (limitMs) => until(() => provider.synced, `${docName} synced`, limitMs),
      onCograde: null,
      destroy: () => provider.destroy(),
    };
    provider.messageHandlers[cogradeMessageType] = (_encoder, decoder) => {
      const message = JSON.parse(decoding.readVarString(decoder)) as CogradeMessage;
      client.onCograde?.(message);
    };
  }
  return client;
};

export const until = async (condition: () => boolean, what: string, limitMs = 30_000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** The document name a workload uses on each server. */
export const docNameFor = (kind: ServerKind, commissionId: string) =>
  kind === 'cograde' ? `commission:${commissionId}` : `bench-${commissionId}`;
