import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { type DemoApp, demoApp, fixedClock } from '../testing/demo-app.ts';

describe('the web app', () => {
  let t: DemoApp;
  let root: string;
  beforeAll(async () => {
    t = await demoApp();
    root = mkdtempSync(join(tmpdir(), 'cograde-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Cograde app</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app")');
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const app = (webRoot: string) =>
    createApp({
      repo: t.storage.repo,
      directory: t.storage.directory,
      sessions: {
        start: async () => ({ token: '', expiresAt: new Date() }),
        end: async () => {},
        userOf: async () => null,
      },
      clock: fixedClock,
      allowedOrigins: [],
      webRoot,
    });

  it('serves built files, and index.html for the app’s own routes', async () => {
    const web = app(root);
    const js = await web.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toContain('console.log');
    const route = await web.request('/commission/K1/candidate/101');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Cograde app');
  });

  it('answers an unknown /api path with a JSON 404, not the app', async () => {
    const res = await app(root).request('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'notFound' });
  });

  it('says how to build the app when it is not built', async () => {
    const res = await app(join(root, 'missing')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w @cograde/web');
  });

  it('answers health with the login methods on offer', async () => {
    expect(await (await app(root).request('/api/health')).json()).toEqual({
      ok: true,
      login: { password: true, oidc: false },
    });
  });

  it('publishes the OpenAPI document with every route', async () => {
    const doc = (await (await app(root).request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/docs',
        '/api/exams/{examId}/answers/{candidate}',
        '/api/exams/{examId}/answers/{candidate}/{questionId}/pdf',
        '/api/exams/{examId}/audit',
        '/api/exams/{examId}/candidates',
        '/api/health',
        '/api/me',
        '/api/session',
      ].sort(),
    );
  });
});
