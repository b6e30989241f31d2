import { describe, expect } from 'vitest';
import { it, testOrigin } from '../testing/demo-app.ts';

type Person = { userId: string; username: string; displayName: string; login: string; issuer?: string };

describe('examiner accounts', () => {
  it('a coordinator creates an examiner with a password, who can then log in', async ({ t, coordinator }) => {
    const res = await t.post('/api/people', coordinator, {
      login: 'password',
      username: 'examiner9',
      displayName: 'Nora Lund',
      password: 'initial-secret-9',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      userId: 'examiner9',
      username: 'examiner9',
      displayName: 'Nora Lund',
      login: 'password',
    });
    expect(await t.login('examiner9', 'initial-secret-9')).toMatch(/=/);
    const again = await t.post('/api/people', coordinator, {
      login: 'password',
      username: 'examiner9',
      displayName: 'Someone else',
      password: 'initial-secret-9',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe('usernameTaken');
  });

  it('two coordinators creating the same username at once: one gets the account, the other usernameTaken', async ({
    t,
    coordinator,
  }) => {
    const body = (displayName: string) => ({
      login: 'password',
      username: 'examiner8',
      displayName,
      password: 'initial-secret-8',
    });
    const both = await Promise.all([
      t.post('/api/people', coordinator, body('First')),
      t.post('/api/people', coordinator, body('Second')),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409);
    expect(await refused?.json()).toMatchObject({ error: 'usernameTaken' });
  });

  it('registers an examiner by OIDC identity; the list shows everyone without password hashes', async ({
    t,
    coordinator,
  }) => {
    const body = {
      login: 'oidc',
      username: 'ext-examiner',
      displayName: 'Eva External',
      issuer: 'https://idp.example.org',
      subject: 'eva-123',
    };
    expect((await t.post('/api/people', coordinator, body)).status).toBe(201);
    expect(await t.storage.repo.users.byOidc('https://idp.example.org', 'eva-123')).toMatchObject({
      id: 'ext-examiner',
      passwordHash: null,
    });
    const same = await t.post('/api/people', coordinator, { ...body, username: 'ext-2' });
    expect(((await same.json()) as { error: string }).error).toBe('oidcIdentityTaken');

    const res = await t.get('/api/people', coordinator);
    const text = await res.text();
    expect(text).not.toMatch(/argon|\$2|passwordHash|eva-123/);
    const { people } = JSON.parse(text) as { people: Person[] };
    expect(people.find((p) => p.userId === 'ext-examiner')).toEqual({
      userId: 'ext-examiner',
      username: 'ext-examiner',
      displayName: 'Eva External',
      login: 'oidc',
      issuer: 'https://idp.example.org',
    });
    expect(people.map((p) => p.userId)).toContain('examiner1');
  });

  it('examiners neither list people nor create accounts; a short password is refused', async ({
    t,
    coordinator,
  }) => {
    const examiner = await t.login('examiner1');
    expect((await t.get('/api/people', examiner)).status).toBe(403);
    const body = { login: 'password', username: 'x1', displayName: 'X', password: 'long-enough-pw' };
    expect((await t.post('/api/people', examiner, body)).status).toBe(403);
    const short = await t.app.request('/api/people', {
      method: 'POST',
      headers: { cookie: coordinator, origin: testOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, password: 'short' }),
    });
    expect(short.status).toBe(400);
    expect(await t.storage.repo.users.byId('x1')).toBeNull();
  });
});
