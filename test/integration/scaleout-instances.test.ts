import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropSchemas, uniqueSchema, withSchema } from '../../apps/sync-server/src/storage/test-databases.ts';
import { TestClient, until } from './helpers/clients.ts';
import { login, type ServerProcess, startServer } from './helpers/server.ts';

/**
 * Several real server processes on one PostgreSQL database with Redis fan-out: clients spread over
 * the instances converge, a lock registered through one instance is enforced by another (even one that
 * hears nothing over Redis), and an instance killed mid-burst loses no acknowledged update while its
 * clients carry on at another instance.
 */
const postgres = process.env.COGRADE_TEST_POSTGRES || undefined;
const redis = process.env.COGRADE_TEST_REDIS || undefined;
const skipReason =
  postgres === undefined
    ? 'COGRADE_TEST_POSTGRES is not set: no PostgreSQL on 127.0.0.1:5432'
    : redis === undefined
      ? 'COGRADE_TEST_REDIS is not set: no Redis on 127.0.0.1:6379'
      : null;

type Creds = { cookie: string; origin: string };

describe.skipIf(skipReason !== null)(
  `several instances on PostgreSQL and Redis${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const schema = uniqueSchema('scaleout');
    const prefix = `${schema}:`;
    const servers: ServerProcess[] = [];
    const clients: TestClient[] = [];
    const cookies = new Map<string, string>();

    const start = async (redisPrefix = prefix) => {
      const server = await startServer({
        env: {
          DATABASE_URL: withSchema(postgres ?? '', schema),
          REDIS_URL: redis ?? '',
          COGRADE_REDIS_PREFIX: redisPrefix,
        },
      });
      servers.push(server);
      for (let ready = false; !ready; ) {
        ready = (await fetch(`${server.origin}/api/ready`)).ok;
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return server;
    };

    /** Sessions live in the shared database: one login serves every instance (with that instance's Origin). */
    const creds = async (server: ServerProcess, user: string): Promise<Creds> => {
      let cookie = cookies.get(user);
      if (cookie === undefined) {
        cookie = (await login(server, user)).cookie;
        cookies.set(user, cookie);
      }
      return { cookie, origin: server.origin };
    };

    const connect = async (server: ServerProcess, user: string, name: string, doc?: Y.Doc) => {
      const client = new TestClient(server.syncUrl, name, await creds(server, user), doc);
      clients.push(client);
      return client.whenSynced();
    };

    const post = async (server: ServerProcess, user: string, path: string, body: unknown) => {
      const { cookie, origin } = await creds(server, user);
      return fetch(`${server.origin}${path}`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    };

    let s1: ServerProcess;
    let s2: ServerProcess;
    let s3: ServerProcess;

    beforeAll(async () => {
      // The first seeds the empty database; the others find it seeded.
      s1 = await start();
      [s2, s3] = await Promise.all([start(), start()]);
    }, 180_000);

    afterAll(async () => {
      for (const client of clients.splice(0)) client.destroy();
      for (const server of servers.splice(0)) await server.stop('SIGKILL');
      if (postgres !== undefined) await dropSchemas(postgres, [schema]);
    }, 60_000);

    it('clients spread over three instances co-edit one document and converge, presence included', {
      timeout: 120_000,
    }, async () => {
      const a = await connect(s1, 'examiner1', 'commission:K1');
      const b = await connect(s2, 'examiner2', 'commission:K1');
      const c = await connect(s3, 'examiner1', 'commission:K1');
      const editors = [a, b, c];
      for (let i = 0; i < 150; i++) {
        const editor = editors[i % 3] as TestClient;
        const candidate = 113 + (i % 8);
        // Shared keys (last writer wins) and keys of their own.
        editor.map('texts').set(`${candidate}:comment`, `comment ${i}`);
        if (i % 5 === 0) editor.map('texts').set(`${candidate}:explanation`, `explanation ${i} by ${i % 3}`);
      }
      for (const editor of editors) await editor.whenSaved();
      await until(
        () =>
          editors.every(
            (e) =>
              isDeepStrictEqual(e.map('texts').toJSON(), a.map('texts').toJSON()) &&
              Buffer.compare(
                Buffer.from(Y.encodeStateVector(e.doc)),
                Buffer.from(Y.encodeStateVector(a.doc)),
              ) === 0,
          ),
        'the three clients to converge',
      );
      for (const editor of editors) expect(editor.of('refused')).toEqual([]);
      // What they converged on is what is stored: a newcomer on another instance reads the same.
      const reader = await connect(s2, 'coordinator', 'commission:K1');
      expect(reader.map('texts').toJSON()).toEqual(a.map('texts').toJSON());

      // Presence crosses instances too.
      a.provider.awareness.setLocalState({ userId: 'examiner1', candidate: '113' });
      await until(
        () =>
          (b.provider.awareness.getStates().get(a.doc.clientID) as { candidate?: string } | undefined)
            ?.candidate === '113',
        'presence from instance 1 at instance 2',
      );
      await until(
        () => c.provider.awareness.getStates().has(a.doc.clientID),
        'presence from instance 1 at instance 3',
      );
    });

    it('R6 a lock registered through one instance refuses a late update arriving at another, even one cut off from Redis', {
      timeout: 120_000,
    }, async () => {
      // Instance 4 hears nothing over Redis (another prefix): only the database can tell it of the lock.
      const deaf = await start(`${prefix}deaf:`);
      const late = await connect(deaf, 'examiner2', 'commission:K1');
      const peer = await connect(s2, 'examiner2', 'commission:K1');
      expect(late.map('finals').has('107')).toBe(false);

      const path = '/api/commissions/K1/candidates/107';
      expect((await post(s1, 'examiner1', `${path}/confirm`, { grade: 'C' })).status).toBe(200);
      expect((await post(s1, 'examiner2', `${path}/confirm`, { grade: 'C' })).status).toBe(200);
      const registered = await post(s1, 'examiner1', `${path}/register`, {});
      expect(registered.status, await registered.clone().text()).toBe(200);

      // At once, without waiting for any fan-out: both late updates are refused as locked.
      late.map('texts').set('107:explanation', 'late, at the deaf instance');
      peer.map('texts').set('107:comment', 'late, at instance 2');
      await late.whenMessage('refused');
      await peer.whenMessage('refused');
      expect(late.of('refused')[0]).toMatchObject({ reason: 'locked' });
      expect(peer.of('refused')[0]).toMatchObject({ reason: 'locked' });
      // The deaf instance learnt the lock from the database and passed it on to its client.
      await until(() => late.map('finals').has('107'), 'the lock to reach the deaf instance’s client');

      const reader = await connect(s3, 'coordinator', 'commission:K1');
      expect(reader.map('finals').has('107')).toBe(true);
      expect(reader.map('texts').get('107:explanation')).not.toBe('late, at the deaf instance');
      expect(reader.map('texts').get('107:comment')).not.toBe('late, at instance 2');
    });

    it('an instance killed with SIGKILL mid-burst loses no acknowledged update; its client goes on at another instance and converges', {
      timeout: 180_000,
    }, async () => {
      const author = await connect(s3, 'examiner1', 'commission:K1');
      const reader = await connect(s2, 'examiner2', 'commission:K1');
      const write = (i: number) => {
        const candidate = String(111 + (i % 10));
        if (i % 2 === 0) author.map('texts').set(`${candidate}:comment`, `burst ${i}`);
        else author.map('marks').set(`${candidate}:q${3 + (i % 6)}`, i % 10);
      };
      for (let i = 0; i < 200; i++) write(i);
      await author.whenSaved();
      const acksBefore = author.of('ack').length;
      for (let i = 200; i < 600; i++) write(i);
      await until(() => author.of('ack').length > acksBefore + 20, 'part of the burst to be acknowledged');
      await s3.stop('SIGKILL');
      const last = author.of('ack').at(-1);
      const acked =
        last === undefined
          ? 0
          : (Y.decodeStateVector(new Uint8Array(Buffer.from(last.stateVector, 'base64'))).get(
              author.doc.clientID,
            ) ?? 0);

      // Every acknowledged update is stored: a newcomer at instance 1 has it.
      const check = await connect(s1, 'coordinator', 'commission:K1');
      expect(
        Y.getState(check.doc.store, author.doc.clientID),
        'acknowledged updates stored',
      ).toBeGreaterThanOrEqual(acked);

      // The author's client reconnects elsewhere (as a load balancer would send it) with its document.
      author.provider.destroy();
      const moved = await connect(s1, 'examiner1', 'commission:K1', author.doc);
      await moved.whenSaved();
      expect(moved.of('refused')).toEqual([]);
      await until(
        () =>
          isDeepStrictEqual(reader.map('texts').toJSON(), moved.map('texts').toJSON()) &&
          isDeepStrictEqual(reader.map('marks').toJSON(), moved.map('marks').toJSON()),
        'the client at instance 2 to converge with the moved client',
      );
      expect(reader.map('texts').get('119:comment')).toBe('burst 598');
    });
  },
);
