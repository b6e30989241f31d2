import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the real Cograde server as its own process (`node --import tsx apps/sync-server/src/main.ts`,
 * one process, so a signal reaches the server itself) on a free port with a data directory of its own.
 * Shared by the integration and browser tests.
 */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');

export type ServerProcess = {
  port: number;
  /** `http://127.0.0.1:<port>`: also the Origin a browser on this server sends. */
  origin: string;
  /** The y-websocket server URL: a document opens at `${syncUrl}/${docName}`. */
  syncUrl: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'cograde-test-'));

export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

const waitUntilUp = async (origin: string, child: ChildProcess, output: () => string, limitMs: number) => {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > limitMs) throw new Error(`the server did not come up:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

export const startServer = async (
  opts: { dataDir?: string; port?: number; env?: Record<string, string>; limitMs?: number } = {},
): Promise<ServerProcess> => {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDataDir();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'sync-server', 'src', 'main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      COGRADE_DATA_DIR: dataDir,
      COGRADE_DEMO: '1',
      INIT_CWD: repoRoot,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ServerProcess = {
    port,
    origin,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    child,
    output: () => log,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop(signal = 'SIGTERM') {
      if (server.alive()) child.kill(signal);
      await exited;
    },
  };
  try {
    await waitUntilUp(origin, child, server.output, opts.limitMs ?? 60_000);
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
  return server;
};

/** Logs in with a local account; returns the `Cookie` header value and the Origin to send with it. */
export const login = async (
  server: Pick<ServerProcess, 'origin'>,
  username: string,
  password = 'cograde-demo',
): Promise<{ cookie: string; origin: string }> => {
  const res = await fetch(`${server.origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('cograde_session='));
  if (cookie === undefined) throw new Error(`login as ${username} set no session cookie`);
  return { cookie, origin: server.origin };
};
