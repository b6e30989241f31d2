import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommissionDoc, commissionDoc, docName } from '@cograde/domain';
import { test as base } from 'vitest';
import { createApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createSessions } from '../auth/sessions.ts';
import type { Clock } from '../ports.ts';
import { seedDemo } from '../seed/index.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { createStoreDocWriter } from '../storage/store-doc-writer.ts';

export const testOrigin = 'http://localhost:8080';

/** The REST path of an action on one candidate of a commission. */
export const candidateAction = (commission: string, candidate: string, action: string) =>
  `/api/commissions/${commission}/candidates/${candidate}/${action}`;
export const fixedClock: Clock = { now: () => new Date('2026-11-23T12:00:00.000Z') };

export type DemoAppOptions = { clock?: Clock; loginLimit?: { attempts: number; windowMs: number } };

/** A real app on a real SQLite file in a temp dir, seeded with the demo; no port. The caller closes it. */
export const demoApp = async (opts: DemoAppOptions = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'cograde-app-'));
  const clock = opts.clock ?? fixedClock;
  const storage: Storage = await openStorage(dir);
  const writer = createStoreDocWriter(storage.docs, { clientId: 1 });
  await seedDemo({ repo: storage.repo, writer, clock, hashPassword });
  const sessions = createSessions(storage.repo, clock);
  const app = createApp({
    repo: storage.repo,
    directory: storage.directory,
    sessions,
    clock,
    writer,
    allowedOrigins: [testOrigin],
    ...(opts.loginLimit === undefined ? {} : { loginLimit: opts.loginLimit }),
  });

  const login = async (username: string, password = 'cograde-demo') => {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: testOrigin },
      body: JSON.stringify({ username, password }),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 200 || cookie === undefined) throw new Error(`login ${username}: ${res.status}`);
    return cookie;
  };
  const get = (path: string, cookie?: string) =>
    app.request(path, { headers: cookie === undefined ? {} : { cookie } });

  const post = (path: string, cookie: string, body?: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** The body of a successful GET, typed as the test expects it. */
  const getJson = async <T>(path: string, cookie?: string): Promise<T> => {
    const res = await get(path, cookie);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  /** Reads a commission document as the server holds it, through the domain's accessor. */
  const readCommission = <T>(commissionId: string, read: (doc: CommissionDoc) => T): Promise<T> =>
    writer.read(docName({ kind: 'commission', commissionId }), (doc) => read(commissionDoc(doc)));

  return {
    app,
    getJson,
    readCommission,
    post,
    storage,
    writer,
    dir,
    login,
    get,
    close: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
export type DocsBody = { docs: Array<{ name: string; kind: string; access: string; title: string }> };
export type MeBody = { userId: string; roles: Array<Record<string, string>> };
export type AnswersBody = {
  candidate: string;
  answers: Array<{ questionId: string; text: string; hasPdf: boolean }>;
};
export type DemoApp = Awaited<ReturnType<typeof demoApp>>;

// Vitest reads the fixtures a fixture depends on from its first parameter, which must be an object pattern
// even when it depends on none: hence the empty patterns below.

// biome-ignore lint/correctness/noEmptyPattern: Vitest needs the pattern
const openDemoApp = async ({}: object, { onCleanup }: { onCleanup: (fn: () => Promise<void>) => void }) => {
  const t = await demoApp();
  onCleanup(() => t.close());
  return t;
};

/**
 * The route tests' `it`. A test that names them gets `t`, a fresh demo app on the fixed clock; `coordinator`,
 * the coordinator's session cookie on `t`; `demoAppWith(options)`, which opens an app with its own clock or
 * login limit: a function rather than an option of `t`, because those tests move their clock from inside.
 * Every app is closed after its test.
 */
export const it = base
  // biome-ignore lint/correctness/noEmptyPattern: Vitest needs the pattern
  .extend('demoAppWith', async ({}, { onCleanup }) => {
    const opened: DemoApp[] = [];
    onCleanup(async () => {
      for (const app of opened) await app.close();
    });
    return async (opts: DemoAppOptions) => {
      const app = await demoApp(opts);
      opened.push(app);
      return app;
    };
  })
  .extend('t', openDemoApp)
  .extend('coordinator', ({ t }) => t.login('coordinator'));

/** An `it` whose `t` is one demo app for the whole file, closed after its last test (as beforeAll/afterAll). */
export const itOnSharedApp = base.extend('t', { scope: 'file' }, openDemoApp);
