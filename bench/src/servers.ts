/** Starts each server in its own process on a free port; reads its RSS from /proc. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './stats.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');

export type ServerKind = 'cograde' | 'relay' | 'hocuspocus';
export const serverKinds: ServerKind[] = ['cograde', 'relay', 'hocuspocus'];

export type RunningServer = {
  kind: ServerKind;
  port: number;
  origin: string;
  /** Base URL the clients add a document name to. */
  wsUrl: string;
  pid: number;
  dataDir: string;
  rssMb(): number;
  cpuSeconds(): number;
  stop(): Promise<void>;
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

export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `cograde-bench-${name}-`));

export const rssMbOf = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
};

const ticks = 100;
export const cpuSecondsOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks;
};

const waitForPort = async (port: number, child: ChildProcess, log: () => string) => {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${log()}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      // not up yet
    }
    if (Date.now() - start > 60_000) throw new Error(`server did not start:\n${log()}`);
    await sleep(100);
  }
};

export type StartOptions = {
  dataDir?: string;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeFlags?: string[];
};

/**
 * BENCH_COGRADE_MAIN runs a Cograde bundle built elsewhere (another commit's `dist/main.js`, for an
 * A/B comparison on the same machine) instead of building the current source.
 */
const cogradeMain = process.env.BENCH_COGRADE_MAIN ?? join('apps', 'sync-server', 'dist', 'main.js');

/**
 * The node flags `npm start` runs the server with (`apps/sync-server/package.json`, `scripts.start`), so
 * that the benchmark runs the server exactly as it is deployed.
 */
export const cogradeNodeFlags = (): string[] => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'apps', 'sync-server', 'package.json'), 'utf8'));
  const start = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(manifest.scripts?.start ?? '');
  if (start === null) throw new Error('apps/sync-server: scripts.start does not run `node … dist/main.js`');
  return start[1]!
    .trim()
    .split(/\s+/)
    .filter((flag) => flag !== '');
};

let built = process.env.BENCH_COGRADE_MAIN !== undefined;
/** Bundles the Cograde server (`npm run build -w @cograde/sync-server`) from the current source. */
export const buildCograde = () => {
  if (built) return;
  execFileSync(process.execPath, [join(repoRoot, 'apps', 'sync-server', 'build.mjs')], { stdio: 'inherit' });
  built = true;
};

export const startServer = async (kind: ServerKind, opts: StartOptions = {}): Promise<RunningServer> => {
  if (kind === 'cograde') buildCograde();
  const port = await freePort();
  const dataDir = opts.dataDir ?? tempDir(kind);
  const origin = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF_DIR profiles every Cograde server the run starts (one `.cpuprofile` per process).
  const profDir = kind === 'cograde' ? process.env.BENCH_CPU_PROF_DIR : undefined;
  const flags = [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...(opts.nodeFlags ?? [])];
  const [args, env, wsUrl] = ((): [string[], Record<string, string>, string] => {
    switch (kind) {
      case 'cograde':
        // The production build, as `npm start` runs it (built once per bench run, see `buildCograde`).
        return [
          [...cogradeNodeFlags(), ...flags, cogradeMain],
          { PORT: String(port), COGRADE_DATA_DIR: dataDir, COGRADE_DEMO: '1', COGRADE_ORIGINS: origin },
          `ws://127.0.0.1:${port}/sync`,
        ];
      case 'relay':
        return [
          [...flags, join('node_modules', '@y', 'websocket-server', 'src', 'server.js')],
          { PORT: String(port), HOST: '127.0.0.1' },
          `ws://127.0.0.1:${port}`,
        ];
      case 'hocuspocus':
        return [
          [...flags, join('bench', 'src', 'hocuspocus-server.mjs')],
          { PORT: String(port), DATABASE: join(dataDir, 'hocuspocus.sqlite') },
          `ws://127.0.0.1:${port}`,
        ];
    }
  })();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, INIT_CWD: repoRoot, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A server that dies during a run says why (its last output), instead of only failing the next read.
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${kind} server exited (${code ?? signal}):\n${log}`);
  });
  await waitForPort(port, child, () => log);
  const pid = child.pid ?? 0;
  return {
    kind,
    port,
    origin,
    wsUrl,
    pid,
    dataDir,
    rssMb: () => rssMbOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    async stop() {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Logs a demo user in through the REST route, as a browser would. */
export const login = async (server: RunningServer, username: string, password = 'cograde-demo') => {
  const res = await fetch(`${server.origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('cograde_session='));
  if (cookie === undefined) throw new Error('no session cookie');
  return cookie;
};
