import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';

/** Liveness, and which login methods the web app should offer. */
export const createHealthRoutes = (opts: { oidc: boolean }) => {
  const router = createRouter();
  const route = createRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness',
    responses: {
      200: {
        description: 'The server is up',
        content: {
          'application/json': {
            schema: z.object({
              ok: z.literal(true),
              login: z.object({ password: z.boolean(), oidc: z.boolean() }),
            }),
          },
        },
      },
    },
  });
  router.openapi(route, (c) =>
    c.json({ ok: true as const, login: { password: true, oidc: opts.oidc } }, 200),
  );
  return router;
};
