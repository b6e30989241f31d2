import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';

export type ReadinessCheck = {
  /** Resolves when the database answers. */
  database(): Promise<void>;
  /** `null` for a single instance without fan-out. */
  fanOut: {
    ready(): boolean;
    published: number;
    failedPublishes: number;
    received: number;
    resyncs: number;
  } | null;
  /** False once the instance is shutting down: the load balancer stops sending it new connections. */
  accepting(): boolean;
  stats(): { rooms: number; connections: number; presence: number };
};

const body = z.object({
  ready: z.boolean(),
  database: z.enum(['ok', 'unreachable']),
  fanOut: z.enum(['ok', 'unreachable', 'none']),
  accepting: z.boolean(),
  rooms: z.number(),
  connections: z.number(),
  presence: z.number(),
  fanOutMessages: z
    .object({ published: z.number(), failedPublishes: z.number(), received: z.number(), resyncs: z.number() })
    .nullable(),
});

/**
 * `GET /api/ready`: 200 when this instance can serve (its database answers and it is not shutting
 * down), 503 otherwise; either way with the fan-out's state and the instance's load, for a load
 * balancer's health check and for monitoring (`fanOut: 'unreachable'` is degraded: alert on it).
 * `/api/health` stays a plain liveness check.
 */
export const createReadinessRoutes = (check: ReadinessCheck) => {
  const router = createRouter();
  const route = createRoute({
    method: 'get',
    path: '/ready',
    summary: 'Readiness: database, fan-out, load',
    responses: {
      200: { description: 'Ready to serve', content: { 'application/json': { schema: body } } },
      503: {
        description: 'Not ready: take it out of the pool',
        content: { 'application/json': { schema: body } },
      },
    },
  });
  router.openapi(route, async (c) => {
    const database = await check.database().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    const fanOut =
      check.fanOut === null
        ? ('none' as const)
        : check.fanOut.ready()
          ? ('ok' as const)
          : ('unreachable' as const);
    const accepting = check.accepting();
    // Without Redis every instance still decides and stores correctly (each decision reads the head of
    // the log), its clients only see other instances' edits later: degraded, not out of the pool.
    const ready = database === 'ok' && accepting;
    const { rooms, connections, presence } = check.stats();
    const result = {
      ready,
      database,
      fanOut,
      accepting,
      rooms,
      connections,
      presence,
      fanOutMessages:
        check.fanOut === null
          ? null
          : {
              published: check.fanOut.published,
              failedPublishes: check.fanOut.failedPublishes,
              received: check.fanOut.received,
              resyncs: check.fanOut.resyncs,
            },
    };
    return ready ? c.json(result, 200) : c.json(result, 503);
  });
  return router;
};
