import {
  type Actor,
  type DocAccess,
  type DocRef,
  docAccess,
  docName,
  type Grant,
  type Resource,
} from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalFloorMs } from '../../apps/sync-server/src/http/refusal-floor.ts';
import {
  appealId,
  demoCommissions,
  exphilId,
  inf1010Id,
} from '../../apps/sync-server/src/seed/demo-exams.ts';
import { demoUsers } from '../../apps/sync-server/src/seed/demo-people.ts';
import { TestClient, until, upgradeStatus } from './helpers/clients.ts';
import { login, type ServerProcess, startServer } from './helpers/server.ts';

/**
 * The authorization matrix: every demo user × every document of the demo, with the access `docAccess()`
 * gives, checked against what the running server actually lets each client read and write.
 *
 * The actors and resources are built here from the demo's published roles (DEMO.md), not from the
 * server's directory, so a wrong grant in the database fails this test too.
 */
const commissions = demoCommissions((id) => id);
const exams = [inf1010Id, exphilId];

const actorOf = (userId: string): Actor => {
  const grants: Grant[] = [];
  for (const examId of exams) {
    if (userId === 'coordinator') grants.push({ role: 'coordinator', examId });
    if (userId === 'supervisor') grants.push({ role: 'supervisor', examId });
  }
  for (const c of commissions) {
    if (c.members.some((m) => m.userId === userId)) {
      grants.push({ role: 'examiner', examId: c.examId, commissionId: c.id, purpose: c.purpose });
    }
  }
  return { userId, grants };
};

type Case = { ref: DocRef; resource: Resource | null };

const documents = (): Case[] => {
  const out: Case[] = [];
  for (const examId of exams) {
    out.push({ ref: { kind: 'exam', examId }, resource: { kind: 'exam', examId } });
    out.push({ ref: { kind: 'progress', examId }, resource: { kind: 'progress', examId } });
  }
  for (const c of commissions) {
    out.push({
      ref: { kind: 'commission', commissionId: c.id },
      resource: { kind: 'commission', examId: c.examId, commissionId: c.id },
    });
    for (const user of demoUsers) {
      const member = c.members.some((m) => m.userId === user.id);
      out.push({
        ref: { kind: 'private', commissionId: c.id, userId: user.id },
        // Only a member has a private document in a commission; the others do not exist.
        resource: member ? { kind: 'private', examId: c.examId, commissionId: c.id, ownerId: user.id } : null,
      });
    }
  }
  out.push({
    ref: { kind: 'appeal', appealId },
    resource: { kind: 'appeal', examId: inf1010Id, appealId, commissionIds: ['A1'] },
  });
  // Documents that do not exist at all are refused exactly like forbidden ones.
  out.push({ ref: { kind: 'commission', commissionId: 'K404' }, resource: null });
  out.push({ ref: { kind: 'exam', examId: 'nothing' }, resource: null });
  return out;
};

const expectedAccess = (userId: string, resource: Resource | null): DocAccess =>
  resource === null ? 'none' : docAccess(actorOf(userId), resource);

/** A change the rules allow in this document for this user: a comment or a private note on an open candidate. */
const legalWrite = (
  client: TestClient,
  userId: string,
): { root: string; key: string; value: string } | null => {
  const finals = client.map('finals');
  const candidates = client.ref.kind === 'private' ? null : client.map('candidates');
  const open = (candidate: string, state: unknown) => {
    const s = state as { attended?: boolean; disqualified?: string[] };
    return s.attended === true && !(s.disqualified ?? []).includes(userId) && !finals.has(candidate);
  };
  const value = `written by ${userId}`;
  if (client.ref.kind === 'commission' && candidates !== null) {
    for (const [candidate, state] of candidates.entries()) {
      if (open(candidate, state)) return { root: 'texts', key: `${candidate}:comment`, value };
    }
  }
  return null;
};

let server: ServerProcess;
const credentials = new Map<string, { cookie: string; origin: string }>();

beforeAll(async () => {
  server = await startServer();
  for (const user of demoUsers) credentials.set(user.id, await login(server, user.username));
});

afterAll(async () => {
  await server?.stop();
});

const open = async (userId: string, name: string) => {
  const client = new TestClient(
    server.syncUrl,
    name,
    credentials.get(userId) as { cookie: string; origin: string },
  );
  return client.whenSynced();
};

describe('authorization matrix against the running server', () => {
  const cases = documents();

  for (const user of demoUsers) {
    it(`R20 ${user.id}: opens, reads and writes exactly what docAccess() allows`, {
      timeout: 120_000,
    }, async () => {
      const creds = credentials.get(user.id) as { cookie: string; origin: string };
      const seen: string[] = [];
      for (const { ref, resource } of cases) {
        const name = docName(ref);
        const expected = expectedAccess(user.id, resource);
        const status = await upgradeStatus(`${server.syncUrl}/${name}`, creds);
        seen.push(`${name}:${status === 101 ? 'open' : status}`);
        if (expected === 'none') {
          expect(status, `${user.id} must not open ${name}`).toBe(403);
          continue;
        }
        expect(status, `${user.id} must open ${name}`).toBe(101);
        const client = await open(user.id, name);
        try {
          expect(client.of('access')[0]?.access, `${user.id} on ${name}`).toBe(expected);
          // The client's answer to the server's sync step 1 is acknowledged, never refused.
          await client.whenMessage('ack');
          expect(client.of('refused'), `${user.id} syncing ${name}`).toEqual([]);
          if (ref.kind === 'exam') expect(client.map('exam').has('exam'), `${name} content`).toBe(true);
          if (ref.kind === 'commission')
            expect(client.map('info').has('commission'), `${name} content`).toBe(true);
          await checkWrite(client, user.id, expected);
        } finally {
          client.destroy();
        }
      }
      expect(seen.length).toBe(cases.length);
    });
  }

  it('R9: a refused upgrade takes at least the refusal floor, whether the document exists or not', async () => {
    const creds = credentials.get('appeal1') as { cookie: string; origin: string };
    for (const name of ['commission:K1', 'commission:K404', 'exam:nothing']) {
      const start = performance.now();
      expect(await upgradeStatus(`${server.syncUrl}/${name}`, creds), name).toBe(403);
      // A lower bound only: how much longer it takes depends on the machine, not on the document.
      expect(performance.now() - start, name).toBeGreaterThanOrEqual(refusalFloorMs - 1);
    }
  });

  it('lists in GET /api/docs exactly the documents the user may open, with the same access', async () => {
    for (const user of demoUsers) {
      const creds = credentials.get(user.id) as { cookie: string; origin: string };
      const res = await fetch(`${server.origin}/api/docs`, { headers: { cookie: creds.cookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as
        | { docs?: Array<{ name: string; access: string }> }
        | Array<{ name: string; access: string }>;
      const listed = (Array.isArray(body) ? body : (body.docs ?? []))
        .map((d) => `${d.name}=${d.access}`)
        .sort();
      const expected = documents()
        .map(({ ref, resource }) => ({ name: docName(ref), access: expectedAccess(user.id, resource) }))
        .filter((d) => d.access !== 'none')
        .map((d) => `${d.name}=${d.access}`)
        .sort();
      expect(listed, user.id).toEqual(expected);
    }
  });
});

const checkWrite = async (client: TestClient, userId: string, access: DocAccess) => {
  const name = client.docName;
  if (access === 'write') {
    const write =
      client.ref.kind === 'private'
        ? { root: 'notes', key: firstCandidate(name), value: `note by ${userId}` }
        : legalWrite(client, userId);
    expect(write, `a legal change to try in ${name}`).not.toBeNull();
    if (write === null) return;
    client.map(write.root).set(write.key, write.value);
    await client.whenSaved();
    expect(client.of('refused'), `${userId} writing ${name}`).toEqual([]);
    const reader = await open(userId, name);
    try {
      expect(reader.map(write.root).get(write.key), `${name} stored the write`).toBe(write.value);
    } finally {
      reader.destroy();
    }
    return;
  }
  // Read-only: the write is refused and nothing of it is stored.
  const key = `101:comment`;
  client.map('texts').set(key, `attempt by ${userId}`);
  await client.whenMessage('refused');
  expect(client.of('refused')[0]?.reason, `${userId} writing ${name}`).toBe('readOnly');
  const reader = await open(userId, name);
  try {
    await until(() => reader.synced, 'a fresh read');
    expect(reader.map('texts').get(key), `${name} must not store a read-only write`).not.toBe(
      `attempt by ${userId}`,
    );
  } finally {
    reader.destroy();
  }
};

const firstCandidate = (name: string): string => {
  const commissionId = name.split(':')[1];
  const commission = commissions.find((c) => c.id === commissionId);
  return commission?.candidates.find((c) => !['205', '211'].includes(c)) ?? '101';
};
