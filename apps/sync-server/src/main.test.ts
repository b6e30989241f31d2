import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

/** Starts `src/main.ts` as `npm start` would, on a free port, and waits until it listens. */
const start = (env: Record<string, string>): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', COGRADE_WEB_ROOT: join(tmpdir(), 'cograde-no-web'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

const login = (port: number) =>
  fetch(`http://localhost:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
    body: JSON.stringify({ username: 'examiner1', password: 'cograde-demo' }),
  });

describe('npm start (src/main.ts)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cograde-main-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
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
});
