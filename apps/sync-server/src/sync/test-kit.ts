import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, type DocRef, docName, type Exam, type Resource, type UserId } from '@cograde/domain';
import type * as Y from 'yjs';
import type {
  AccessDirectory,
  Clock,
  DocStore,
  HeadTracker,
  SessionResolver,
  SessionUser,
  Staged,
  StoredTail,
} from '../ports.ts';
import { createSyncService, type SyncService, type SyncServiceOptions } from './index.ts';

/**
 * Small in-memory adapters for the sync service's own tests. They stand in for SQLite and the session
 * table, which have their own tests; the sync service, `ws` and y-websocket under test are the real ones.
 */
export class MemoryDocStore implements DocStore {
  /** Per document: the snapshot (through number `through`) and the updates after it, numbered. */
  readonly docs = new Map<
    string,
    { through: number; snapshot: Uint8Array | null; log: [number, Uint8Array][] }
  >();
  /** While set, `append` waits for it: lets a test hold a write open. */
  gate: Promise<void> | null = null;
  /** While set, every load and append fails, as a lost disk would. */
  failing = false;
  appends = 0;
  appendsStarted = 0;
  compactions = 0;

  private entry(name: string) {
    let doc = this.docs.get(name);
    if (doc === undefined) {
      doc = { through: 0, snapshot: null, log: [] };
      this.docs.set(name, doc);
    }
    return doc;
  }

  private head(name: string) {
    const doc = this.docs.get(name);
    return doc === undefined ? 0 : (doc.log.at(-1)?.[0] ?? doc.through);
  }

  async load(name: string) {
    return (await this.loadSince(name, 0)).updates;
  }

  async loadSince(name: string, afterSeq: number): Promise<StoredTail> {
    if (this.failing) throw new Error('storage unavailable');
    const doc = this.docs.get(name);
    if (doc === undefined) return { updates: [], seq: 0 };
    const withSnapshot = doc.snapshot !== null && (afterSeq === 0 || doc.through > afterSeq);
    const from = withSnapshot ? doc.through : afterSeq;
    const updates = doc.log.filter(([seq]) => seq > from).map(([, u]) => u);
    return {
      updates: withSnapshot && doc.snapshot !== null ? [doc.snapshot, ...updates] : updates,
      seq: this.head(name),
    };
  }

  async append(name: string, update: Uint8Array) {
    return (
      (await this.appendAtHead(name, [], { seqOf: () => Infinity, catchUp: () => {} }, () => update)) ?? 0
    );
  }

  async appendAtHead(
    name: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ) {
    const staged = await this.stageAtHead(name, reads, tracker, produce);
    if (staged === null) return null;
    await staged.durable;
    return staged.seq;
  }

  /** Numbers the update at once; it becomes durable (`appends` counts it) once `gate` opens. */
  async stageAtHead(
    name: string,
    reads: readonly string[],
    tracker: HeadTracker,
    produce: () => Uint8Array | null,
  ): Promise<Staged | null> {
    this.appendsStarted++;
    if (this.failing) throw new Error('storage unavailable');
    for (const doc of [name, ...reads]) {
      if (this.head(doc) > tracker.seqOf(doc))
        tracker.catchUp(doc, await this.loadSince(doc, tracker.seqOf(doc)));
    }
    const update = produce();
    if (update === null) return null;
    const seq = this.head(name) + 1;
    this.entry(name).log.push([seq, update]);
    const gate = this.gate ?? Promise.resolve();
    const durable = gate.then(() => {
      if (this.failing) throw new Error('storage unavailable');
      this.appends++;
    });
    durable.catch(() => undefined);
    return { seq, durable };
  }

  async compact(name: string, snapshot: Uint8Array, throughSeq: number) {
    this.compactions++;
    const doc = this.entry(name);
    if (throughSeq <= doc.through) return;
    doc.log = doc.log.filter(([seq]) => seq > throughSeq);
    doc.snapshot = snapshot;
    doc.through = throughSeq;
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
export const startTestServer = async (
  options: Partial<SyncServiceOptions> & {
    /** Another instance's store: shared, already seeded. */
    sharedStore?: MemoryDocStore;
  } = {},
): Promise<TestServer> => {
  const { actors, directory, sessions } = world();
  const { sharedStore, ...serviceOptions } = options;
  const store = sharedStore ?? new MemoryDocStore();
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
    ...serviceOptions,
    limits: { idleMs: 50, accessTtlMs: 0, ...options.limits },
  });
  http.on('upgrade', (req, socket, head) => void service.handleUpgrade(req, socket, head));
  if (sharedStore === undefined) await seed(service);
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

const seed = async (service: SyncService) => {
  await service.writer.transact(docName({ kind: 'exam', examId: 'e1' }), seedExam);
  await service.writer.transact(
    'commission:k1',
    seedCommission('k1', ['ex1', 'ex2'], { q1: 'ex1', q2: 'ex2' }),
  );
  await service.writer.transact('commission:k2', seedCommission('k2', ['ex3'], {}));
};
