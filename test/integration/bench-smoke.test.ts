import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/server.ts';

/**
 * Keeps the benchmark harness working: `bench/run.mjs --smoke` runs workloads 1–5 for a second or two
 * each against a real Cograde process with real clients, and must write well-formed figures. No
 * timing is asserted (the web workload, which builds the app and starts Chromium, is left out here).
 */
type Figure = { median: number; min: number; max: number; runs: number[] };
type Target = {
  name: string;
  unit: string;
  cograde: number | null;
  peer: string | null;
  peerValue: number | null;
  limit: number;
  kind: string;
  met: boolean;
};

const dir = mkdtempSync(join(tmpdir(), 'cograde-bench-smoke-'));
const out = join(dir, 'results.json');
const docs = join(dir, 'benchmarks.md');
let report: {
  machine: { cpu: string; cores: number; memoryGb: number; node: string };
  date: string;
  // biome-ignore lint/suspicious/noExplicitAny: results.json is read as the JSON it is
  servers: Record<string, Record<string, any>>;
  targets: Target[];
};
let log = '';

const expectFigure = (f: Figure | undefined, what: string) => {
  expect(f, what).toBeDefined();
  expect(Number.isFinite(f!.median), `${what} median`).toBe(true);
  expect(f!.min, what).toBeLessThanOrEqual(f!.median);
  expect(f!.max, what).toBeGreaterThanOrEqual(f!.median);
  expect(f!.runs.length, what).toBeGreaterThan(0);
};

beforeAll(async () => {
  const child = spawn(
    process.execPath,
    ['bench/run.mjs', '--smoke', '--only', 'cograde', '--skip-web', '--out', out, '--docs', docs],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (c: Buffer) => {
    log += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    log += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bench --smoke exited ${code}:\n${log.slice(-4000)}`);
  report = JSON.parse(readFileSync(out, 'utf8'));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench --smoke against Cograde', () => {
  it('records the machine and the date', () => {
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.cpu.length).toBeGreaterThan(0);
    expect(report.machine.node).toMatch(/^v\d+/);
    expect(Number.isNaN(Date.parse(report.date))).toBe(false);
  });

  it('measures keystroke-to-peer latency from every change a peer observed', () => {
    const latency = report.servers.cograde!.latency;
    for (const pairs of ['1', '4']) {
      expectFigure(latency[pairs].p50, `p50 at ${pairs} pairs`);
      expectFigure(latency[pairs].p99, `p99 at ${pairs} pairs`);
      expect(latency[pairs].p99.median).toBeGreaterThanOrEqual(latency[pairs].p50.median);
      expect(latency[pairs].samples).toBeGreaterThan(0);
      // Every mark is legal: the server acknowledged them and refused none.
      expect(latency[pairs].messages.ack).toBeGreaterThan(0);
      expect(latency[pairs].messages.refused ?? 0).toBe(0);
    }
  });

  it('ramps the hot document and reports the accepted rate', () => {
    const hot = report.servers.cograde!.hot;
    expectFigure(hot.acceptedPerSec, 'accepted updates/s');
    expect(hot.steps.length).toBeGreaterThan(0);
    for (const step of hot.steps) expect(step.accepted).toBeGreaterThan(0);
  });

  it('reads the server RSS with idle authenticated connections', () => {
    const idle = report.servers.cograde!.idle;
    expect(idle.connections).toBe(40);
    expectFigure(idle.rssMb, 'RSS');
    expect(idle.rssMb.median).toBeGreaterThan(0);
  });

  it('syncs the 300 × 10 commission cold, counting the bytes the client received', () => {
    const cold = report.servers.cograde!.cold;
    expectFigure(cold.ms, 'cold sync');
    // 3,000 marks and 600 texts cannot fit in less.
    expect(cold.bytes.median).toBeGreaterThan(100_000);
    expect(cold.fromStorageMs).toBeGreaterThan(0);
  });

  it('times refused and accepted answers and splits the CPU profile', () => {
    const refusal = report.servers.cograde!.refusal;
    expect(refusal.samples).toBe(2);
    for (const key of ['refusedP50', 'refusedP99', 'ackP50', 'ackP99']) {
      expect(Number.isFinite(refusal[key]), key).toBe(true);
    }
    expect(refusal.cpu.busyMs).toBeGreaterThan(0);
    const shares = Object.values(refusal.cpu.sharePercent) as number[];
    expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(99);
    expect(refusal.cpu.sharePercent.validate).toBeGreaterThanOrEqual(0);
  });

  it('lists every target with a met flag anyone can recompute from its figures', () => {
    expect(report.targets.map((t) => t.name)).toEqual([
      'latency p99, 1 pair',
      'latency p99, 4 pairs',
      'hot document throughput',
      '40 idle connections, RSS',
      'cold sync, 300 × 10 commission',
      'initial JS (gzip)',
      'offline start to gradeable screen',
    ]);
    for (const t of report.targets) {
      expect(['ratio-max', 'ratio-min', 'abs-max']).toContain(t.kind);
      expect(typeof t.limit).toBe('number');
      const recomputed =
        t.cograde === null
          ? false
          : t.kind === 'abs-max'
            ? t.cograde <= t.limit
            : t.peerValue === null
              ? false
              : t.kind === 'ratio-max'
                ? t.cograde <= t.limit * t.peerValue
                : t.cograde >= t.limit * t.peerValue;
      expect(t.met, t.name).toBe(recomputed);
      if (t.kind === 'abs-max') expect(t.peer).toBeNull();
    }
    // Only Cograde ran: the ratio targets have no peer figure and cannot be met.
    expect(report.targets.find((t) => t.name === 'hot document throughput')).toMatchObject({
      peer: 'hocuspocus',
      peerValue: null,
      met: false,
    });
  });

  it('writes the readable table', () => {
    const md = readFileSync(docs, 'utf8');
    expect(md).toContain('<!-- bench:results:start -->');
    expect(md).toContain('| target | Cograde | compared with | bound | met |');
    expect(md).toContain(report.machine.cpu);
  });
});
