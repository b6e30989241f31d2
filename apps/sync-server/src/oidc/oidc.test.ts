import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createSessions } from '../auth/sessions.ts';
import { type DemoApp, demoApp, fixedClock, type MeBody, testOrigin } from '../testing/demo-app.ts';

const redirectUri = `${testOrigin}/api/oidc/callback`;

/** A real OpenID provider (oidc-provider) on a random localhost port, with its development login pages. */
const startProvider = async () => {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'cograde',
        client_secret: 'test-secret',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, preferred_username: id, name: `Test ${id}` }) };
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['cograde-test-cookie-key'] },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** A browser's part of the flow: follows the provider's redirects, signs in as `account` and consents. */
const signInAtProvider = async (authorizationUrl: string, account: string): Promise<URL> => {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name.trim(), value.join('='));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    if (url.href.startsWith(redirectUri)) return url;
    const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
    let res: Response;
    if (interaction) {
      const page = await fetch(url, { headers: { cookie: cookieHeader() }, redirect: 'manual' });
      remember(page);
      const html = await page.text();
      const form: Record<string, string> = html.includes('name="login"')
        ? { prompt: 'login', login: account, password: 'anything' }
        : { prompt: 'consent' };
      res = await fetch(url, {
        method: 'POST',
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
    } else {
      res = await fetch(url, { headers: { cookie: cookieHeader() }, redirect: 'manual' });
    }
    remember(res);
    const location = res.headers.get('location');
    if (location === null)
      throw new Error(`provider stopped at ${url.href} with ${res.status}: ${await res.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
};

describe('OpenID Connect login against a real provider', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let t: DemoApp;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    provider = await startProvider();
    t = await demoApp();
    app = createApp({
      repo: t.storage.repo,
      directory: t.storage.directory,
      sessions: createSessions(t.storage.repo, fixedClock),
      clock: fixedClock,
      allowedOrigins: [testOrigin],
      oidc: { issuer: provider.issuer, clientId: 'cograde', clientSecret: 'test-secret', redirectUri },
    });
  });
  afterAll(async () => {
    await provider.close();
    await t.close();
  });

  const login = async (account: string) => {
    const start = await app.request('/api/oidc/login');
    expect(start.status).toBe(302);
    const authorization = new URL(start.headers.get('location') ?? '');
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const flowCookie = start.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(start.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const callback = await signInAtProvider(authorization.href, account);
    const done = await app.request(`${callback.pathname}${callback.search}`, {
      headers: { cookie: flowCookie },
    });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const session = done.headers.getSetCookie().find((c) => c.startsWith('cograde_session='));
    expect(session).toMatch(/HttpOnly/i);
    return { session: session?.split(';')[0] ?? '', callback, flowCookie };
  };

  it('logs in with authorization code + PKCE and matches the user by issuer and subject', async () => {
    const first = await login('alice');
    const me = (await (
      await app.request('/api/me', { headers: { cookie: first.session } })
    ).json()) as MeBody;
    expect(me).toMatchObject({ username: 'alice', displayName: 'Test alice', roles: [] });
    expect(me.userId).toMatch(/^oidc-/);
    const user = await t.storage.repo.users.byId(me.userId);
    expect(user?.oidc).toEqual({ issuer: provider.issuer, subject: 'alice' });

    const second = await login('alice');
    const again = (await (
      await app.request('/api/me', { headers: { cookie: second.session } })
    ).json()) as MeBody;
    expect(again.userId).toBe(me.userId);
  });

  it('never takes over a local account with the same username', async () => {
    const { session } = await login('examiner1');
    const me = (await (await app.request('/api/me', { headers: { cookie: session } })).json()) as MeBody;
    expect(me.userId).not.toBe('examiner1');
    expect(me.roles).toEqual([]);
  });

  it('refuses a callback that this browser did not start, and a replayed one', async () => {
    const { callback, flowCookie } = await login('bob');
    const replay = await app.request(`${callback.pathname}${callback.search}`, {
      headers: { cookie: flowCookie },
    });
    expect(replay.status).toBe(401);
    const foreign = await app.request(`${callback.pathname}${callback.search}`);
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({ error: 'notAuthenticated' });
  });
});
