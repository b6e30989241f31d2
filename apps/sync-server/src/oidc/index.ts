import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type * as client from 'openid-client';
import { startSession } from '../auth/index.ts';
import type { Sessions } from '../auth/sessions.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { Clock } from '../ports.ts';
import type { Repository, UserRecord } from '../storage/repository.ts';

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
};

export type OidcOptions = {
  settings: OidcSettings;
  repo: Repository;
  sessions: Sessions;
  clock: Clock;
  secureCookies: boolean;
};

const flowCookie = 'cograde_oidc';
const flowTtlMs = 10 * 60_000;
const maxPendingFlows = 10_000;

type Flow = { codeVerifier: string; state: string; expires: number };

/** openid-client is loaded on the first login, never by a server without OIDC. */
const openid = () => import('openid-client');

const isLocalHttp = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(url);

/**
 * OpenID Connect login: authorization code with PKCE. The flow's verifier stays on the server, keyed by
 * the state, which the browser carries in an HttpOnly cookie so that a callback only completes the flow
 * that browser started. Users are matched by issuer and subject; an unknown one gets an account without
 * roles, which a coordinator can then assign.
 */
export const createOidcRoutes = (opts: OidcOptions) => {
  const { settings } = opts;
  const flows = new Map<string, Flow>();
  let configuration: Promise<client.Configuration> | undefined;
  const config = () => {
    configuration ??= openid()
      .then((client) =>
        client.discovery(
          new URL(settings.issuer),
          settings.clientId,
          settings.clientSecret,
          undefined,
          // Plain http only for a provider on this machine (development and tests).
          isLocalHttp(settings.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
        ),
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };
  const sweep = () => {
    const now = opts.clock.now().getTime();
    for (const [state, flow] of flows) if (flow.expires <= now) flows.delete(state);
  };

  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/oidc/login',
      summary: 'Start an OpenID Connect login; redirects to the identity provider',
      responses: { 302: { description: 'To the provider' }, ...errorResponses(502) },
    }),
    async (c) => {
      const client = await openid();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: settings.redirectUri,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
      });
      if (flows.size >= maxPendingFlows) sweep();
      flows.set(state, { codeVerifier, state, expires: opts.clock.now().getTime() + flowTtlMs });
      setCookie(c, flowCookie, state, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: opts.secureCookies,
        path: '/api/oidc',
        maxAge: flowTtlMs / 1000,
      });
      return c.redirect(url.href, 302);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/oidc/callback',
      summary: 'Where the identity provider returns; starts the session and redirects to the app',
      request: {
        query: z
          .object({ code: z.string().max(4096).optional(), state: z.string().max(512).optional() })
          .passthrough(),
      },
      responses: { 302: { description: 'To the app' }, ...errorResponses(400, 401) },
    }),
    async (c) => {
      const state = getCookie(c, flowCookie);
      const flow = state === undefined ? undefined : flows.get(state);
      if (state !== undefined) flows.delete(state);
      deleteCookie(c, flowCookie, { path: '/api/oidc' });
      if (flow === undefined || flow.expires <= opts.clock.now().getTime())
        throw new ApiError('notAuthenticated', 'no login in progress');
      // The token request must name the registered redirect URI, whatever host the request came through.
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = new URL(c.req.url).search;
      let claims: client.IDToken | undefined;
      const client = await openid();
      try {
        const tokens = await client.authorizationCodeGrant(await config(), currentUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
        });
        claims = tokens.claims();
      } catch (error) {
        throw new ApiError(
          'notAuthenticated',
          error instanceof Error ? error.message.slice(0, 200) : 'login failed',
        );
      }
      if (claims === undefined) throw new ApiError('notAuthenticated', 'the provider sent no ID token');
      const user = await findOrCreateUser(opts.repo, opts.clock, claims);
      await startSession(c, opts, user.id);
      return c.redirect('/', 302);
    },
  );
  return router;
};

const findOrCreateUser = async (
  repo: Repository,
  clock: Clock,
  claims: client.IDToken,
): Promise<UserRecord> => {
  const existing = await repo.users.byOidc(claims.iss, claims.sub);
  if (existing !== null) return existing;
  const digest = createHash('sha256').update(`${claims.iss}\n${claims.sub}`).digest('hex').slice(0, 16);
  const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined;
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  let username = (preferred ?? email ?? `user-${digest}`).slice(0, 100);
  // Never take over a local account by naming it: a clash gets a suffix.
  if ((await repo.users.byUsername(username)) !== null) username = `${username}-${digest.slice(0, 6)}`;
  const user: UserRecord = {
    id: `oidc-${digest}`,
    username,
    displayName: (name ?? username).slice(0, 200),
    passwordHash: null,
    oidc: { issuer: claims.iss, subject: claims.sub },
  };
  await repo.users.create(user, clock.now());
  return user;
};
