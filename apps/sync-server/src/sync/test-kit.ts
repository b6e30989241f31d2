import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, type DocRef, docName, type Exam, type Resource, type UserId } from '@cograde/domain';
import type * as Y from 'yjs';
import type { AccessDirectory, Clock, DocStore, SessionResolver, SessionUser } from '../ports.ts';
import { createSyncService, type SyncService, type SyncServiceOptions } from './index.ts';

/**
 * Small in-memory adapters for the sync service's own tests. They stand in for SQLite and the session
 * table, which have their own tests; the sync service, `ws` and y-websocket under test are the real ones.
 */
export class MemoryDocStore implements DocStore {
  readonly docs = new Map<string, Uint8Array[]>();
  /** While set, `append` waits for it: lets a test hold a write open. */
  gate: Promise<void> | null = null;
  /** While set, every load and append fails, as a lost disk would. */
  failing = false;
  appends = 0;
  appendsStarted = 0;
  compactions = 0;

  async load(name: string) {
    if (this.failing) throw new Error('storage unavailable');
    return [...(this.docs.get(name) ?? [])];
  }

  async append(name: string, update: Uint8Array) {
    this.appendsStarted++;
    if (this.gate !== null) await this.gate;
    if (this.failing) throw new Error('storage unavailable');
    this.appends++;
    const list = this.docs.get(name) ?? [];
    list.push(update);
    this.docs.set(name, list);
  }

  async compact(name: string, snapshot: Uint8Array, replacedCount: number) {
    this.compactions++;
    const list = this.docs.get(name) ?? [];
    this.docs.set(name, [snapshot, ...list.slice(replacedCount)]);
  }

  async close() {}
}

export class MemoryDirectory implements AccessDirectory {
  constructor(
    readonly actors: Map<UserId, Actor>,
    readonly resources: (ref: DocRef) => Resource | null,
  ) {}

  async actorOf(userId: UserId) {
    return this.actors.get(userId) ?? null;
  }

  async resourceOf(ref: DocRef) {
    return this.resources(ref);
  }
}

export class MemorySessions implements SessionResolver {
  readonly tokens = new Map<string, SessionUser>();

  login(userId: UserId): string {
    const token = `token-${userId}`;
    this.tokens.set(token, { userId, username: userId, displayName: userId });
    return token;
  }

  async userOf(token: string) {
    return this.tokens.get(token) ?? null;
  }
}

export const fixedClock: Clock = { now: () => new Date('2026-11-23T12:00:00.000Z') };

export const exam: Exam = {
  id: 'e1',
  course: 'INF1010',
  title: 'Object-oriented programming',
  term: '2026autumn',
  date: '2026-11-10',
  kind: 'written',
  status: 'ready',
  questions: [
    { id: 'q1', label: 'Q1', maxPoints: 10, weight: 1, scoring: 'manual' },
    { id: 'q2', label: 'Q2', maxPoints: 10, weight: 1, scoring: 'manual' },
  ],
  scale: { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } },
  policies: {
    marksMode: 'shared',
    confirmation: 'collaborative',
    alignMarks: false,
    enforceSplit: true,
    secondExaminerSample: 'all',
    thirdGradingCommission: 'uio',
    cheatingPolicy: 'withhold',
    gradingDeadline: 15,
  },
};

/**
 * One exam, commission K1 (ex1, ex2; split q1 → ex1, q2 → ex2; candidates 101–103), commission K2
 * (ex3), a coordinator and a supervisor.
 */
export const world = () => {
  const actors = new Map<UserId, Actor>([
    ['coord', { userId: 'coord', grants: [{ role: 'coordinator', examId: 'e1' }] }],
    ['sup', { userId: 'sup', grants: [{ role: 'supervisor', examId: 'e1' }] }],
    [
      'ex1',
      {
        userId: 'ex1',
        grants: [{ role: 'examiner', examId: 'e1', commissionId: 'k1', purpose: 'ordinary' }],
      },
    ],
    [
      'ex2',
      {
        userId: 'ex2',
        grants: [{ role: 'examiner', examId: 'e1', commissionId: 'k1', purpose: 'ordinary' }],
      },
    ],
    [
      'ex3',
      {
        userId: 'ex3',
        grants: [{ role: 'examiner', examId: 'e1', commissionId: 'k2', purpose: 'ordinary' }],
      },
    ],
  ]);
  const commissions = new Map([
    ['k1', ['ex1', 'ex2']],
    ['k2', ['ex3']],
  ]);
  const resources = (ref: DocRef): Resource | null => {
    switch (ref.kind) {
      case 'exam':
      case 'progress':
        return ref.examId === 'e1' ? { kind: ref.kind, examId: 'e1' } : null;
      case 'commission':
        return commissions.has(ref.commissionId)
          ? { kind: 'commission', examId: 'e1', commissionId: ref.commissionId }
          : null;
      case 'private':
        return commissions.get(ref.commissionId)?.includes(ref.userId)
          ? { kind: 'private', examId: 'e1', commissionId: ref.commissionId, ownerId: ref.userId }
          : null;
      case 'appeal':
        return null;
    }
  };
  return { actors, directory: new MemoryDirectory(actors, resources), sessions: new MemorySessions() };
};

export const seedExam = (doc: Y.Doc) => doc.getMap('exam').set('exam', exam);

export const seedCommission =
  (id: string, members: string[], split: Record<string, string>) => (doc: Y.Doc) => {
    doc.getMap('info').set('commission', {
      id,
      examId: 'e1',
      name: id.toUpperCase(),
      purpose: 'ordinary',
      members: members.map((userId) => ({
        userId,
        displayName: userId,
        affiliation: 'internal',
        firstTime: false,
        extra: false,
      })),
      split,
    });
    for (const candidate of ['101', '102', '103'])
      doc.getMap('candidates').set(candidate, { attended: true, disqualified: [] });
  };

export type TestServer = {
  url: string;
  origin: string;
  service: SyncService;
  store: MemoryDocStore;
  sessions: MemorySessions;
  actors: Map<UserId, Actor>;
  close(): Promise<void>;
};

/** A real HTTP server on a free port whose upgrades go to a real sync service. */
export const startTestServer = async (options: Partial<SyncServiceOptions> = {}): Promise<TestServer> => {
  const { actors, directory, sessions } = world();
  const store = new MemoryDocStore();
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const service = createSyncService({
    store,
    directory,
    sessions,
    clock: fixedClock,
    allowedOrigins: [origin],
    log: () => {},
    ...options,
    limits: { idleMs: 50, accessTtlMs: 0, ...options.limits },
  });
  http.on('upgrade', (req, socket, head) => void service.handleUpgrade(req, socket, head));
  await service.writer.transact(docName({ kind: 'exam', examId: 'e1' }), seedExam);
  await service.writer.transact(
    'commission:k1',
    seedCommission('k1', ['ex1', 'ex2'], { q1: 'ex1', q2: 'ex2' }),
  );
  await service.writer.transact('commission:k2', seedCommission('k2', ['ex3'], {}));
  return {
    url: `ws://127.0.0.1:${port}/sync`,
    origin,
    service,
    store,
    sessions,
    actors,
    async close() {
      await service.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
};
