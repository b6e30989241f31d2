import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { errorResponse } from '../http/api-error.ts';
import type { AppEnv } from '../http/router.ts';
import type { AccessDirectory, SessionResolver } from '../ports.ts';
import { hashSessionToken, sessionCookieName } from './session-tokens.ts';

/** Lets a request through only with a valid session; puts the user and their actor on the context. */
export const requireUser =
  (opts: { sessions: SessionResolver; directory: AccessDirectory }): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = getCookie(c, sessionCookieName);
    const user = token === undefined ? null : await opts.sessions.userOf(token);
    const actor = user === null ? null : await opts.directory.actorOf(user.userId);
    if (token === undefined || user === null || actor === null) return errorResponse(c, 'notAuthenticated');
    c.set('user', user);
    c.set('actor', actor);
    c.set('sessionTokenHash', hashSessionToken(token));
    await next();
  };
