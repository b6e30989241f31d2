// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateDoc } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SyncedDoc } from './synced-doc.svelte.ts';

// The document layer against the real sync server with the demo data: real acks, real refusals.
const NodeWebSocket = createRequire(import.meta.url)('ws') as typeof import('ws').WebSocket;
const root = join(import.meta.dirname, '../../../../..');
const port = 18_000 + (process.pid % 1000);
const base = `http://localhost:${port}`;
let server: ChildProcess;

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

const login = async (username: string) => {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'cograde-demo' }),
  });
  expect(response.ok).toBe(true);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  // A browser sends its cookie and origin with the upgrade; so does this socket.
  return class extends NodeWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: base } });
    }
  } as unknown as typeof WebSocket;
};

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

const open = (docName: string, ws: typeof WebSocket) =>
  new SyncedDoc(docName, {
    serverUrl: `ws://localhost:${port}/sync`,
    WebSocketPolyfill: ws,
    storage: memoryStorage(),
  });

beforeAll(async () => {
  // One process (tsx as a loader), so that stopping it stops the server.
  server = spawn(process.execPath, ['--import', 'tsx', 'apps/sync-server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      COGRADE_DEMO: '1',
      COGRADE_DATA_DIR: mkdtempSync(join(tmpdir(), 'cograde-web-')),
      COGRADE_ORIGINS: base,
    },
    stdio: 'ignore',
  });
  await vi.waitFor(
    async () => {
      const health = await fetch(`${base}/api/health`);
      expect(health.ok).toBe(true);
    },
    { timeout: 60_000, interval: 250 },
  );
}, 70_000);

afterAll(async () => {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

describe('SyncedDoc with the real server', () => {
  it('shows an edit as unsynced until the server acknowledges it, and a co-examiner sees it live', async () => {
    const one = open('commission:K1', await login('examiner1'));
    const two = open('commission:K1', await login('examiner2'));
    await waitFor(() => expect(one.synced && two.synced).toBe(true));
    expect(one.access).toBe('write');
    expect(one.status).toBe('saved');

    one.doc.getMap('marks').set('113:q3', 6);
    expect(one.unsynced).toBe(1);
    await waitFor(() => expect(one.unsynced).toBe(0));
    expect(one.status).toBe('saved');
    await waitFor(() => expect(two.doc.getMap('marks').get('113:q3')).toBe(6));
    // A co-examiner's edit, relayed by the server, is not counted as unsynced on the other side.
    expect(two.unsynced).toBe(0);
    await Promise.all([one.destroy(true), two.destroy(true)]);
  });

  it('R6 a late edit to a locked candidate is refused, kept in the private document, and the rest is saved', async () => {
    const ws = await login('examiner1');
    const one = open('commission:K1', ws);
    const own = open('private:K1:examiner1', ws);
    await waitFor(() => expect(one.synced && own.synced).toBe(true));
    const locked = one.doc.getMap('marks').get('101:q3');

    // One update touching a registered candidate (101) and an open one (114): refused whole.
    const before = one.doc;
    one.doc.transact(() => {
      one.doc.getMap('marks').set('101:q3', 0);
      one.doc.getMap('marks').set('114:q3', 3);
    });
    // The refusal arrives, the document is rebuilt from the server and the open edit is replayed.
    await waitFor(() => expect(one.doc).not.toBe(before));
    await one.settled();
    await waitFor(() => expect(one.synced && one.unsynced === 0).toBe(true));
    expect(one.doc.getMap('marks').get('114:q3')).toBe(3);
    expect(one.doc.getMap('marks').get('101:q3')).toBe(locked);

    const refusal = await waitFor(() => {
      const found = privateDoc(own.doc)
        .refusals()
        .find((r) => r.changes.some((c) => c.key === '101:q3'));
      expect(found).toBeDefined();
      return found;
    });
    expect(refusal?.reason).toBe('locked');

    // A fresh client sees what the server holds: the replayed edit, and the locked value untouched.
    const check = open('commission:K1', await login('examiner2'));
    await waitFor(() => expect(check.synced).toBe(true));
    expect(check.doc.getMap('marks').get('114:q3')).toBe(3);
    expect(check.doc.getMap('marks').get('101:q3')).toBe(locked);
    await Promise.all([one.destroy(true), own.destroy(true), check.destroy(true)]);
  });
});
