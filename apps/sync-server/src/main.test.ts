import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commissionDoc, markKey, progressDoc } from '@cograde/domain';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestClient, until } from './sync/test-client.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

const children: ChildProcess[] = [];

type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

/** Starts `src/main.ts` as `npm start` would, on a free port, and waits until it listens. */
const start = (env: Record<string, string>): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', COGRADE_WEB_ROOT: join(tmpdir(), 'cograde-no-web'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });

const login = (port: number, username = 'examiner1') =>
  fetch(`http://localhost:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
    body: JSON.stringify({ username, password: 'cograde-demo' }),
  });

const sessionOf = async (port: number, username: string) =>
  (await login(port, username)).headers.get('set-cookie')?.split(';')[0] ?? '';

const act = (port: number, cookie: string, path: string, body?: unknown) =>
  fetch(`http://localhost:${port}/api/commissions/K1/candidates/${path}`, {
    method: 'POST',
    headers: { cookie, origin: `http://localhost:${port}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('npm start (src/main.ts)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cograde-main-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    // A failed test may leave its server running.
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds an empty data dir once, serves REST and /sync, and shuts down on SIGTERM', async () => {
    const dir = dataDir();
    const first = await start({ COGRADE_DATA_DIR: dir, COGRADE_ORIGINS: '' });
    expect(first.output()).toContain('Seeded the demo');
    expect(first.output()).toContain('password: cograde-demo');
    const res = await login(first.port);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';

    const socket = new WebSocket(`ws://localhost:${first.port}/sync/commission:K1`, {
      headers: { cookie, origin: `http://localhost:${first.port}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    });
    socket.close();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('SIGTERM: shutting down');

    const second = await start({ COGRADE_DATA_DIR: dir, COGRADE_ORIGINS: '' });
    expect(second.output()).not.toContain('Seeded the demo');
    expect((await login(second.port)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('seeds nothing outside demo mode', async () => {
    const server = await start({ COGRADE_DATA_DIR: dataDir(), COGRADE_DEMO: '0', COGRADE_ORIGINS: '' });
    expect(server.output()).not.toContain('cograde-demo');
    expect((await login(server.port)).status).toBe(401);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('R6 serves the seeded documents over /sync; a registration over REST reaches connected clients and locks', async () => {
    const dir = dataDir();
    const server = await start({ COGRADE_DATA_DIR: dir, COGRADE_ORIGINS: '' });
    const origin = `http://localhost:${server.port}`;
    const url = `ws://localhost:${server.port}/sync`;
    const e1 = await sessionOf(server.port, 'examiner1');
    const e2 = await sessionOf(server.port, 'examiner2');
    const examiner = await new TestClient(url, 'commission:K1', { cookie: e1, origin }).whenSynced();
    const coordinator = await new TestClient(url, 'progress:inf1010', {
      cookie: await sessionOf(server.port, 'coordinator'),
      origin,
    }).whenSynced();
    try {
      const k1 = commissionDoc(examiner.doc);
      expect(k1.final('101')?.grade).toBe('A');
      expect(k1.candidateNumbers()).toHaveLength(20);

      expect((await act(server.port, e1, '107/confirm', { grade: 'C' })).status).toBe(200);
      expect((await act(server.port, e2, '107/confirm', { grade: 'C' })).status).toBe(200);
      expect((await act(server.port, e1, '107/register')).status).toBe(200);
      await until(() => k1.final('107')?.grade === 'C', 'the registration to reach the examiner');
      await until(
        () =>
          progressDoc(coordinator.doc)
            .commissions()
            .find((p) => p.commissionId === 'K1')?.locked === 7,
        'the progress document to count the lock',
      );

      // A late edit to the locked candidate is refused and told; the server's copy keeps its points.
      const before = k1.mark('107', 'q5');
      examiner.doc.getMap('marks').set(markKey('107', 'q5'), 1);
      await examiner.whenMessage('refused');
      expect(examiner.of('refused')[0]?.changes[0]?.reason).toBe('locked');
      const other = await new TestClient(url, 'commission:K1', { cookie: e2, origin }).whenSynced();
      expect(commissionDoc(other.doc).mark('107', 'q5')).toBe(before);
      other.destroy();
    } finally {
      examiner.destroy();
      coordinator.destroy();
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const again = await start({ COGRADE_DATA_DIR: dir, COGRADE_ORIGINS: '' });
    const reader = await new TestClient(`ws://localhost:${again.port}/sync`, 'commission:K1', {
      cookie: await sessionOf(again.port, 'examiner2'),
      origin: `http://localhost:${again.port}`,
    }).whenSynced();
    try {
      expect(commissionDoc(reader.doc).final('107')?.grade).toBe('C');
    } finally {
      reader.destroy();
    }
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
