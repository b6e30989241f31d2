import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './api-error.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

/**
 * CSRF protection for state-changing calls, in two layers. An `Origin` (sent by browsers on every
 * unsafe request) must be one of the allowed origins or the server's own; a cross-site `Sec-Fetch-Site`
 * without an allowed origin is refused. And a body must be `application/json`, which a cross-site page
 * can only send after a CORS preflight this server never grants.
 */
export const csrfGuard = (opts: { allowedOrigins: readonly string[] }): MiddlewareHandler => {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    const originAllowed =
      origin !== undefined && (opts.allowedOrigins.includes(origin) || origin === ownOrigin);
    if (origin !== undefined && !originAllowed) {
      return errorResponse(c, 'forbidden', `cross-origin request from ${origin.slice(0, 100)} refused`);
    }
    if (c.req.header('sec-fetch-site') === 'cross-site' && !originAllowed) {
      return errorResponse(c, 'forbidden', 'cross-site request refused');
    }
    const contentType = c.req.header('content-type') ?? '';
    if (bodyMethods.has(c.req.method) && !/^application\/json\s*(;|$)/i.test(contentType)) {
      return errorResponse(c, 'badRequest', 'the body must be sent as application/json');
    }
    return next();
  };
};
