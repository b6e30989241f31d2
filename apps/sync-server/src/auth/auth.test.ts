import { describe, expect } from 'vitest';
import { type DemoApp, it, type MeBody, testOrigin } from '../testing/demo-app.ts';
import { hashSessionToken } from './session-tokens.ts';
import { sessionTtlMs } from './sessions.ts';

const post = (app: DemoApp['app'], body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: testOrigin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('local login', () => {
  it('sets an HttpOnly SameSite session cookie whose token is stored only as a hash', async ({ t }) => {
    const res = await post(t.app, { username: 'examiner1', password: 'cograde-demo' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      userId: 'examiner1',
      username: 'examiner1',
      displayName: 'Ola Hansen',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cograde_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    expect(await t.storage.repo.sessions.userOf(token, new Date('2026-11-23T12:00:00Z'))).toBeNull();
    expect(
      (await t.storage.repo.sessions.userOf(hashSessionToken(token), new Date('2026-11-23T12:00:00Z')))?.id,
    ).toBe('examiner1');
  });

  it('refuses a wrong password and an unknown user alike, with the reason as JSON', async ({ t }) => {
    for (const body of [
      { username: 'examiner1', password: 'wrong' },
      { username: 'nobody', password: 'cograde-demo' },
    ]) {
      const res = await post(t.app, body);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual({ error: 'badCredentials', message: 'Wrong username or password.' });
    }
  });

  it('answers in Norwegian when the browser asks for it', async ({ t }) => {
    const res = await post(
      t.app,
      { username: 'examiner1', password: 'wrong' },
      { 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.5' },
    );
    expect(await res.json()).toEqual({ error: 'badCredentials', message: 'Feil brukernavn eller passord.' });
  });

  it('validates the body with zod', async ({ t }) => {
    const res = await post(t.app, { username: '', password: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'badRequest' });
    const broken = await post(t.app, '{"username":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'badRequest' });
  });

  it('limits failed attempts per username and address, then refuses even the right password', async ({
    demoAppWith,
  }) => {
    const t = await demoAppWith({ loginLimit: { attempts: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++)
      expect((await post(t.app, { username: 'examiner2', password: 'bad' })).status).toBe(401);
    const limited = await post(t.app, { username: 'examiner2', password: 'cograde-demo' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'tooManyAttempts' });
    // Another username is not affected.
    expect((await post(t.app, { username: 'examiner1', password: 'cograde-demo' })).status).toBe(200);
  });

  it('lets the limit lapse after its window', async ({ demoAppWith }) => {
    let now = new Date('2026-11-23T12:00:00Z').getTime();
    const t = await demoAppWith({
      clock: { now: () => new Date(now) },
      loginLimit: { attempts: 2, windowMs: 60_000 },
    });
    for (let i = 0; i < 2; i++) await post(t.app, { username: 'examiner2', password: 'bad' });
    expect((await post(t.app, { username: 'examiner2', password: 'cograde-demo' })).status).toBe(429);
    now += 61_000;
    expect((await post(t.app, { username: 'examiner2', password: 'cograde-demo' })).status).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing call from another origin', async ({ t }) => {
    const res = await post(
      t.app,
      { username: 'examiner1', password: 'cograde-demo' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toMatchObject({ error: 'forbidden' });
  });

  it('refuses a cross-site fetch without an origin', async ({ t }) => {
    const res = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ username: 'examiner1', password: 'cograde-demo' }),
    });
    expect(res.status).toBe(403);
  });

  it('refuses a body that is not JSON, as a cross-site form would send it', async ({ t }) => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await t.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'username=examiner1&password=cograde-demo',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses logout from another origin, keeping the session', async ({ t }) => {
    const cookie = await t.login('examiner1');
    const res = await t.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await t.get('/api/me', cookie)).status).toBe(200);
  });
});

describe('/api/me and logout', () => {
  it('answers the user and their roles, and 401 without a session', async ({ t }) => {
    expect((await t.get('/api/me')).status).toBe(401);
    expect(await (await t.get('/api/me', 'cograde_session=forged')).json()).toMatchObject({
      error: 'notAuthenticated',
    });
    const me = await (await t.get('/api/me', await t.login('examiner2'))).json();
    expect(me).toEqual({
      userId: 'examiner2',
      username: 'examiner2',
      displayName: 'Ingrid Berg',
      roles: [
        { role: 'examiner', examId: 'inf1010', commissionId: 'K1', purpose: 'ordinary' },
        { role: 'examiner', examId: 'inf1010', commissionId: 'K2', purpose: 'ordinary' },
      ],
    });
    const coordinator = await t.getJson<MeBody>('/api/me', await t.login('coordinator'));
    expect(coordinator.roles).toEqual([
      { role: 'coordinator', examId: 'exphil03' },
      { role: 'coordinator', examId: 'inf1010' },
    ]);
  });

  it('logs out: the session ends on the server and the cookie is cleared', async ({ t }) => {
    const cookie = await t.login('examiner1');
    const res = await t.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, origin: testOrigin },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/cograde_session=;/);
    expect((await t.get('/api/me', cookie)).status).toBe(401);
  });

  it('ends a session when it expires', async ({ demoAppWith }) => {
    let now = new Date('2026-11-23T12:00:00Z').getTime();
    const t = await demoAppWith({ clock: { now: () => new Date(now) } });
    const cookie = await t.login('examiner1');
    expect((await t.get('/api/me', cookie)).status).toBe(200);
    now += sessionTtlMs + 1;
    expect((await t.get('/api/me', cookie)).status).toBe(401);
  });
});
