import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/router.ts';
import { createReadinessRoutes, type ReadinessCheck } from './readiness.ts';

const app = (check: Partial<ReadinessCheck>) => {
  const api = new OpenAPIHono<AppEnv>().basePath('/api');
  api.route(
    '/',
    createReadinessRoutes({
      database: async () => {},
      fanOut: null,
      accepting: () => true,
      stats: () => ({ rooms: 2, connections: 3, presence: 1 }),
      ...check,
    }),
  );
  return api;
};

const fanOut = (ready: boolean) => ({
  ready: () => ready,
  published: 5,
  failedPublishes: 0,
  received: 7,
  resyncs: 1,
});

describe('GET /api/ready', () => {
  it('is ready with a database that answers, and reports the load', async () => {
    const res = await app({ fanOut: fanOut(true) }).request('/api/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ready: true,
      database: 'ok',
      fanOut: 'ok',
      accepting: true,
      rooms: 2,
      connections: 3,
      presence: 1,
      fanOutMessages: { published: 5, failedPublishes: 0, received: 7, resyncs: 1 },
    });
  });

  it('is not ready when the database does not answer or the instance is shutting down', async () => {
    const down = await app({
      database: async () => {
        throw new Error('connection refused');
      },
    }).request('/api/ready');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ready: false, database: 'unreachable', fanOut: 'none' });
    const stopping = await app({ accepting: () => false }).request('/api/ready');
    expect(stopping.status).toBe(503);
  });

  it('stays in the pool without Redis, reporting the fan-out as unreachable', async () => {
    const res = await app({ fanOut: fanOut(false) }).request('/api/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, fanOut: 'unreachable' });
  });
});
