import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { FanOutMessage } from '../ports.ts';
import { until } from '../sync/test-client.ts';
import { RedisFanOut } from './redis.ts';

const url = process.env.COGRADE_TEST_REDIS || undefined;
const skipReason = url === undefined ? 'COGRADE_TEST_REDIS is not set: no Redis on 127.0.0.1:6379' : null;

describe.skipIf(skipReason !== null)(
  `Redis fan-out${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    // A prefix per run: other test files (and their server processes) share this Redis.
    const prefix = `test-${randomBytes(4).toString('hex')}:`;
    const open: RedisFanOut[] = [];
    const fanOut = async () => {
      const f = new RedisFanOut({ url: url ?? '', prefix, log: () => {} });
      open.push(f);
      await f.connected();
      return f;
    };
    afterEach(async () => {
      for (const f of open.splice(0)) await f.close();
    });

    it('delivers updates and presence of a subscribed document to the other instances only, in order', async () => {
      const a = await fanOut();
      const b = await fanOut();
      const atA: FanOutMessage[] = [];
      const atB: FanOutMessage[] = [];
      a.onMessage((m) => atA.push(m));
      b.onMessage((m) => atB.push(m));
      await a.subscribe('commission:K1');
      await b.subscribe('commission:K1');
      for (let seq = 1; seq <= 50; seq++)
        a.publish({ kind: 'update', docName: 'commission:K1', seq, update: new Uint8Array([seq, 0, 255]) });
      a.publish({ kind: 'awareness', docName: 'commission:K1', update: new Uint8Array([1, 2]) });
      b.publish({ kind: 'update', docName: 'commission:K2', seq: 1, update: new Uint8Array([9]) });
      await until(() => atB.length === 51, 'the messages at b');
      expect(atB.slice(0, 50).map((m) => (m.kind === 'update' ? m.seq : -1))).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      expect(atB[0]).toEqual({
        kind: 'update',
        docName: 'commission:K1',
        seq: 1,
        update: new Uint8Array([1, 0, 255]),
      });
      expect(atB[50]).toEqual({
        kind: 'awareness',
        docName: 'commission:K1',
        update: new Uint8Array([1, 2]),
      });
      // Its own messages do not come back to a; nobody subscribed to K2.
      expect(atA).toEqual([]);
      expect(a.published).toBe(51);
    });

    it('asks for a resync when its connection to Redis was lost and comes back', async () => {
      const a = await fanOut();
      let resyncs = 0;
      a.onResync(() => resyncs++);
      await a.subscribe('commission:K1');
      const admin = new Redis(url ?? '');
      try {
        const clients = String(await admin.client('LIST'));
        const line = clients.split('\n').find((l) => l.includes(`name=cograde-sub-${a.id}`));
        const id = /id=(\d+)/.exec(line ?? '')?.[1];
        expect(id, 'the subscriber connection in CLIENT LIST').toBeDefined();
        await admin.client('KILL', 'ID', id ?? '');
      } finally {
        admin.disconnect();
      }
      await until(() => resyncs > 0 && a.ready(), 'the reconnect and the resync request');
      // Subscriptions survive the reconnect.
      const b = await fanOut();
      const atA: FanOutMessage[] = [];
      a.onMessage((m) => atA.push(m));
      b.publish({ kind: 'update', docName: 'commission:K1', seq: 7, update: new Uint8Array([7]) });
      await until(() => atA.length === 1, 'a message after the reconnect');
    });
  },
);
