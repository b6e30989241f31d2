/**
 * The bench seed for Cograde: the demo (so `K1` and the demo users exist) plus a bench exam with
 * 10 manual questions, one commission per examiner pair, a hot commission and a 300-candidate
 * commission for the cold sync, written with the server package's own storage and seed functions.
 * Sessions are minted straight into the session table (the login route's argon2 check would cost
 * seconds per hundred users); the demo users still log in through `POST /api/session`.
 */
import { randomBytes } from 'node:crypto';
import { addWorkingDays, type Commission, docName, type Exam, rootMap } from '@cograde/domain';
import {
  createStoreDocWriter,
  hashPassword,
  hashSessionToken,
  inf1010,
  openStorage,
  seedDemo,
  systemClock,
  termOf,
} from '@cograde/sync-server';
import type * as Y from 'yjs';
import { coldCandidates, fillCold, pairCandidate, questions } from './content.ts';

export const benchExamId = 'bench';
export const pairCommission = (i: number) => `P${i}`;
export const hotCommission = 'HOT';
export const coldCommission = 'C300';
export const hotMembers = 10;

export type BenchSessions = {
  /** The session cookie (`cograde_session=…`) of every bench user, by user id. */
  cookies: Record<string, string>;
};

export const pairUsers = (i: number) => [`pa${i}`, `pb${i}`] as const;
export const hotUser = (i: number) => `hot${i % hotMembers}`;

const member = (userId: string, affiliation: 'internal' | 'external') => ({
  userId,
  displayName: userId,
  affiliation,
  firstTime: false,
  extra: false,
});

export const seedBench = async (dataDir: string, pairs: number): Promise<BenchSessions> => {
  const storage = await openStorage(dataDir);
  const clock = systemClock;
  const now = clock.now();
  const writer = createStoreDocWriter(storage.docs, { clientId: 1 });
  await seedDemo({ repo: storage.repo, writer, clock, hashPassword });

  const today = now.toISOString().slice(0, 10);
  const date = addWorkingDays(today, -1);
  // The demo exam's scale and policies, with the bench's own questions.
  const exam: Exam = {
    ...inf1010(date),
    id: benchExamId,
    course: 'BENCH1000',
    title: 'Benchmark exam',
    term: termOf(date),
    questions: questions.map((q) => ({
      id: q,
      label: q.toUpperCase(),
      maxPoints: 10,
      weight: 1,
      scoring: 'manual' as const,
    })),
  };
  await storage.repo.exams.put(exam);
  await writer.transact(docName({ kind: 'exam', examId: exam.id }), (doc) => {
    rootMap(doc, 'exam', 'exam').set('exam', exam);
  });

  const commissions: Array<{ commission: Commission; more?: (doc: Y.Doc) => void }> = [];
  for (let i = 0; i < pairs; i++) {
    const [a, b] = pairUsers(i);
    commissions.push({
      commission: {
        id: pairCommission(i),
        examId: exam.id,
        name: `Pair ${i}`,
        purpose: 'ordinary',
        members: [member(a, 'internal'), member(b, 'external')],
        candidates: [pairCandidate],
        split: {},
      },
    });
  }
  const hot = Array.from({ length: hotMembers }, (_, i) => `hot${i}`);
  commissions.push({
    commission: {
      id: hotCommission,
      examId: exam.id,
      name: 'Hot',
      purpose: 'ordinary',
      members: hot.map((u, i) => member(u, i % 2 === 0 ? 'internal' : 'external')),
      candidates: Array.from({ length: 40 }, (_, i) => String(2001 + i)),
      split: {},
    },
  });
  commissions.push({
    commission: {
      id: coldCommission,
      examId: exam.id,
      name: 'Cold 300',
      purpose: 'ordinary',
      members: [member('cold1', 'internal'), member('cold2', 'external')],
      candidates: coldCandidates,
      split: {},
    },
    more: fillCold,
  });

  const users = [...commissions.flatMap((c) => c.commission.members.map((m) => m.userId))];
  const passwordHash = await hashPassword('bench-password');
  const cookies: Record<string, string> = {};
  const expiresAt = new Date(now.getTime() + 12 * 3_600_000);
  for (const id of new Set(users)) {
    await storage.repo.users.create({ id, username: id, displayName: id, passwordHash, oidc: null }, now);
    const token = randomBytes(32).toString('base64url');
    await storage.repo.sessions.create({
      tokenHash: hashSessionToken(token),
      userId: id,
      expiresAt,
      createdAt: now,
    });
    cookies[id] = `cograde_session=${token}`;
  }
  for (const { commission, more } of commissions) {
    await storage.repo.commissions.put(commission);
    await writer.transact(docName({ kind: 'commission', commissionId: commission.id }), (doc) => {
      const { candidates, ...info } = commission;
      rootMap(doc, 'commission', 'info').set('commission', info);
      const map = rootMap(doc, 'commission', 'candidates');
      for (const c of candidates) map.set(c, { attended: true, disqualified: [] });
      more?.(doc);
    });
  }
  await storage.close();
  return { cookies };
};
