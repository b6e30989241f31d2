import { randomBytes } from 'node:crypto';
import {
  type Commission,
  candidateKey,
  cogradeMessageType,
  docName,
  type Exam,
  type Policies,
  rootMap,
} from '@cograde/domain';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hashPassword } from '../../apps/sync-server/src/auth/passwords.ts';
import { systemClock } from '../../apps/sync-server/src/ports.ts';
import { seedDemo } from '../../apps/sync-server/src/seed/index.ts';
import { openStorage } from '../../apps/sync-server/src/storage/index.ts';
import { createStoreDocWriter } from '../../apps/sync-server/src/storage/store-doc-writer.ts';
import { readCogradeMessage } from '../../apps/sync-server/src/sync/test-client.ts';
import { type Credentials, until } from './helpers/clients.ts';
import { tempDataDir } from './helpers/server.ts';

/**
 * Shared by the appeal tests (R9, R10, R17): a data directory prepared before the real server starts
 * (the demo seed plus what a test needs that no endpoint offers: an exam policy, ordinary examiners with
 * names of its choosing), recording y-websocket clients, and HTTP calls that keep every response.
 */
export const inf1010 = 'inf1010';

export const randomToken = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

export type OrdinaryExaminer = { userId: string; displayName: string; affiliation: 'internal' | 'external' };

export type Preparation = {
  /** R10 policy of INF1010 (the demo's is `uio`). */
  thirdGradingCommission?: Policies['thirdGradingCommission'];
  /**
   * Moves `candidate` out of K1 into a new ordinary commission of these examiners (new accounts, password
   * `cograde-demo`), so that the ordinary grading's identities can be canaries too.
   */
  ordinary?: { commissionId: string; name: string; candidate: string; examiners: OrdinaryExaminer[] };
};

/** Seeds the demo into a new data directory and applies `prep`; the server started on it will not re-seed. */
export const prepareDataDir = async (prep: Preparation = {}): Promise<string> => {
  const dir = tempDataDir();
  const storage = await openStorage(dir);
  const writer = createStoreDocWriter(storage.docs, { clientId: 1 });
  const { repo } = storage;
  try {
    await seedDemo({ repo, writer, clock: systemClock, hashPassword });
    if (prep.thirdGradingCommission !== undefined) {
      const exam = (await repo.exams.byId(inf1010)) as Exam;
      const changed: Exam = {
        ...exam,
        policies: { ...exam.policies, thirdGradingCommission: prep.thirdGradingCommission },
      };
      await repo.exams.put(changed);
      await writer.transact(docName({ kind: 'exam', examId: inf1010 }), (doc) => {
        rootMap(doc, 'exam', 'exam').set('exam', changed);
      });
    }
    const ordinary = prep.ordinary;
    if (ordinary !== undefined) {
      const passwordHash = await hashPassword('cograde-demo');
      for (const e of ordinary.examiners) {
        await repo.users.create(
          { id: e.userId, username: e.userId, displayName: e.displayName, passwordHash, oidc: null },
          systemClock.now(),
        );
      }
      const k1 = (await repo.commissions.byId('K1')) as Commission;
      await repo.commissions.put({
        ...k1,
        candidates: k1.candidates.filter((c) => c !== ordinary.candidate),
      });
      const k1Doc = docName({ kind: 'commission', commissionId: 'K1' });
      const prefix = `${ordinary.candidate}:`;
      const auto = await writer.read(k1Doc, (doc) =>
        [...doc.getMap('auto').entries()].filter(([key]) => key.startsWith(prefix)),
      );
      await writer.transact(k1Doc, (doc) => {
        doc.getMap('candidates').delete(candidateKey(ordinary.candidate));
        for (const [key] of auto) doc.getMap('auto').delete(key);
      });
      const commission: Commission = {
        id: ordinary.commissionId,
        examId: inf1010,
        name: ordinary.name,
        purpose: 'ordinary',
        members: ordinary.examiners.map((e) => ({ ...e, firstTime: false, extra: false })),
        candidates: [ordinary.candidate],
        split: {},
      };
      await repo.commissions.put(commission);
      await writer.transact(docName({ kind: 'commission', commissionId: commission.id }), (doc) => {
        const { candidates, ...info } = commission;
        rootMap(doc, 'commission', 'info').set('commission', info);
        rootMap(doc, 'commission', 'candidates').set(candidateKey(ordinary.candidate), {
          attended: true,
          disqualified: [],
        });
        for (const [key, points] of auto) rootMap(doc, 'commission', 'auto').set(key, points);
      });
    }
  } finally {
    await storage.close();
  }
  return dir;
};

/** Every byte a user received: WebSocket frames and HTTP responses (status line, headers and body). */
export class Recorder {
  readonly chunks: Array<{ where: string; bytes: Uint8Array }> = [];
  keep(where: string, bytes: Uint8Array | string) {
    this.chunks.push({ where, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes });
  }
  /** Which needles occur in which recorded chunk. */
  find(needles: ReadonlyArray<{ label: string; bytes: Uint8Array }>): string[] {
    const hits: string[] = [];
    for (const chunk of this.chunks) {
      const hay = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
      for (const needle of needles)
        if (hay.indexOf(needle.bytes) !== -1) hits.push(`${needle.label} in ${chunk.where}`);
    }
    return hits;
  }
  get byteCount() {
    return this.chunks.reduce((n, c) => n + c.bytes.byteLength, 0);
  }
}

const toBytes = (data: unknown): Uint8Array => {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new TextEncoder().encode(String(data));
};

/** A real y-websocket client whose socket records every frame it receives. */
export class RecordingClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  constructor(
    syncUrl: string,
    readonly name: string,
    credentials: Credentials,
    recorder: Recorder | null,
  ) {
    const where = `ws ${name}`;
    const Socket = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { Cookie: credentials.cookie, Origin: credentials.origin } });
        if (recorder !== null) this.on('message', (data: unknown) => recorder.keep(where, toBytes(data)));
      }
    };
    this.provider = new WebsocketProvider(syncUrl, name, this.doc, {
      WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    // Cograde's own messages (access, acks, refusals) are recorded with every other frame above.
    this.provider.messageHandlers[cogradeMessageType] = (_encoder, decoder) => {
      readCogradeMessage(decoder);
    };
  }
  async synced(): Promise<this> {
    await until(() => this.provider.synced, `${this.name} to sync`);
    return this;
  }
  destroy() {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** Opens a WebSocket the server should refuse; records and returns the refusal's status and body. */
export const refusedUpgrade = (
  url: string,
  credentials: Credentials,
  recorder: Recorder,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Cookie: credentials.cookie, Origin: credentials.origin } });
    ws.on('message', (data: unknown) => recorder.keep(`ws ${url} (should be refused)`, toBytes(data)));
    ws.on('open', () => {
      // Opened: wait for whatever the server sends first, then report it as not refused.
      setTimeout(() => {
        ws.close();
        resolve({ status: 101, body: '' });
      }, 300);
    });
    ws.on('unexpected-response', (_req, res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(parts).toString();
        recorder.keep(`upgrade ${url} ${res.statusCode}`, `${JSON.stringify(res.headers)}\n${body}`);
        resolve({ status: res.statusCode ?? 0, body });
        ws.terminate();
      });
    });
    ws.on('error', (error) => {
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });

/** HTTP as one logged-in user; every response (status, headers, body) goes to the recorder. */
export const httpAs = (origin: string, credentials: Credentials, recorder: Recorder | null) => {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: {
        cookie: credentials.cookie,
        origin: credentials.origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (recorder !== null) {
      recorder.keep(`${method} ${path} ${res.status} headers`, JSON.stringify([...res.headers.entries()]));
      recorder.keep(`${method} ${path} ${res.status}`, bytes);
    }
    return { status: res.status, text: new TextDecoder().decode(bytes) };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body ?? {}),
    json: async <T>(path: string): Promise<T> => {
      const res = await call('GET', path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
      return JSON.parse(res.text) as T;
    },
  };
};
export type Http = ReturnType<typeof httpAs>;

/** Confirms `grade` as each user, then registers as the first; returns the register response. */
export const gradeCandidate = async (
  users: ReadonlyArray<Http>,
  commissionId: string,
  candidate: string,
  grade: string,
) => {
  const path = (name: string) => `/api/commissions/${commissionId}/candidates/${candidate}/${name}`;
  for (const user of users) {
    const res = await user.post(path('confirm'), { grade });
    if (res.status !== 200)
      throw new Error(`confirm ${commissionId}/${candidate}: ${res.status} ${res.text}`);
  }
  const [first] = users;
  if (first === undefined) throw new Error('nobody to register');
  return first.post(path('register'));
};
