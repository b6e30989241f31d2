import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';

export const createHealthRoutes = () => {
  const router = createRouter();
  const route = createRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness',
    responses: {
      200: {
        description: 'The server is up',
        content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
      },
    },
  });
  router.openapi(route, (c) => c.json({ ok: true as const }, 200));
  return router;
};
