import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, Clock } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';
import { clientAddress } from './client-address.ts';
import { verifyPassword } from './passwords.ts';
import { createRateLimiter } from './rate-limit.ts';
import { requireUser } from './require-user.ts';
import { sessionCookieName } from './session-tokens.ts';
import type { Sessions } from './sessions.ts';

export type AuthOptions = {
  repo: Repository;
  sessions: Sessions;
  directory: AccessDirectory;
  clock: Clock;
  /** Set the cookie's Secure flag (the server is reached over https). */
  secureCookies: boolean;
  loginLimit?: { attempts: number; windowMs: number };
};

const credentialsSchema = z
  .object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) })
  .openapi('Credentials');

const grantSchema = z.union([
  z.object({ role: z.enum(['coordinator', 'supervisor']), examId: z.string() }),
  z.object({
    role: z.literal('examiner'),
    examId: z.string(),
    commissionId: z.string(),
    purpose: z.enum(['ordinary', 'appeal', 'third']),
  }),
]);

const meSchema = z
  .object({ userId: z.string(), username: z.string(), displayName: z.string(), roles: z.array(grantSchema) })
  .openapi('Me');

const login = createRoute({
  method: 'post',
  path: '/session',
  summary: 'Log in with a local account; sets the HttpOnly session cookie',
  request: { body: { content: { 'application/json': { schema: credentialsSchema } }, required: true } },
  responses: {
    200: { description: 'Logged in', content: { 'application/json': { schema: meSchema } } },
    ...errorResponses(400, 401, 403, 429),
  },
});

const logout = createRoute({
  method: 'delete',
  path: '/session',
  summary: 'Log out: ends the session and clears the cookie',
  responses: { 204: { description: 'Logged out' }, ...errorResponses(403) },
});

const meRoute = (auth: ReturnType<typeof requireUser>) =>
  createRoute({
    method: 'get',
    middleware: [auth] as const,
    path: '/me',
    summary: 'The logged-in user and their roles',
    responses: {
      200: { description: 'The user', content: { 'application/json': { schema: meSchema } } },
      ...errorResponses(401),
    },
  });

/** Starts a session for the user and sets its cookie; shared by password and OIDC login. */
export const startSession = async (
  c: Context,
  opts: Pick<AuthOptions, 'sessions' | 'secureCookies'>,
  userId: string,
) => {
  const { token, expiresAt } = await opts.sessions.start(userId);
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: opts.secureCookies,
    path: '/',
    expires: expiresAt,
  });
};

export const createAuthRoutes = (opts: AuthOptions) => {
  const limit = opts.loginLimit ?? { attempts: 10, windowMs: 60_000 };
  const limiter = createRateLimiter({ limit: limit.attempts, windowMs: limit.windowMs, clock: opts.clock });
  const router = createRouter();

  router.openapi(login, async (c) => {
    const { username, password } = c.req.valid('json');
    const key = `${username.toLowerCase()}\n${clientAddress(c)}`;
    if (!limiter.allowed(key)) throw new ApiError('tooManyAttempts');
    const user = await opts.repo.users.byUsername(username);
    if (!(await verifyPassword(user?.passwordHash ?? null, password)) || user === null) {
      limiter.fail(key);
      throw new ApiError('badCredentials');
    }
    limiter.reset(key);
    await startSession(c, opts, user.id);
    const actor = await opts.directory.actorOf(user.id);
    return c.json(
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: [...(actor?.grants ?? [])],
      },
      200,
    );
  });

  router.openapi(logout, async (c) => {
    const token = getCookie(c, sessionCookieName);
    if (token !== undefined) await opts.sessions.end(token);
    deleteCookie(c, sessionCookieName, {
      path: '/',
      secure: opts.secureCookies,
      httpOnly: true,
      sameSite: 'Lax',
    });
    return c.body(null, 204);
  });

  router.openapi(meRoute(requireUser(opts)), (c) => {
    const user = c.get('user');
    return c.json({ ...user, roles: [...c.get('actor').grants] }, 200);
  });
  return router;
};
