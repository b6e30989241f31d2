#!/usr/bin/env node
// Runs every suite: Vitest (domain with coverage, sync server, web, integration) and the Playwright
// browser tests. A suite that cannot run here is skipped with the reason printed; with CI=true a skip
// is a failure. Ends with one summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
// Absolute: Playwright resolves a relative report path from its config's folder, not from here.
const out = resolve('node_modules', '.cograde-test');
mkdirSync(out, { recursive: true });
const skipped = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

const reachable = (port, host = '127.0.0.1') =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

// Services of the scale-out suites (PostgreSQL and Redis).
const services = {
  postgres: await reachable(5432),
  redis: await reachable(6379),
};
const env = {
  COGRADE_TEST_POSTGRES: services.postgres ? 'postgres://postgres@127.0.0.1:5432/test' : '',
  COGRADE_TEST_REDIS: services.redis ? 'redis://127.0.0.1:6379' : '',
};
for (const [name, up] of Object.entries(services)) {
  if (!up) skipped.push(`scale-out suites needing ${name}: nothing listens on its port on 127.0.0.1`);
}

// 1. Vitest: every project, with coverage of packages/domain enforced (>= 95 % lines).
const vitestJson = join(out, 'vitest.json');
const vitestStatus = run(
  'npx',
  ['vitest', 'run', '--coverage', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  env,
);
if (vitestStatus !== 0) failedRun = true;
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  failedRun = true;
}

// 2. Playwright with Debian's Chromium.
const chromium = process.env.COGRADE_CHROMIUM ?? '/usr/bin/chromium';
const e2eConfig = join('test', 'playwright.config.ts');
if (!existsSync(e2eConfig)) {
  skipped.push('browser tests: test/playwright.config.ts does not exist yet');
} else if (!existsSync(chromium)) {
  skipped.push(`browser tests: no Chromium at ${chromium} (apt-get install -y chromium)`);
} else {
  const pwJson = join(out, 'playwright.json');
  const status = run('npx', ['playwright', 'test', '-c', e2eConfig, '--reporter=list,json'], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (status !== 0) failedRun = true;
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    totals.failed += stats.unexpected ?? 0;
    totals.skipped += stats.skipped ?? 0;
  } else {
    failedRun = true;
  }
}

for (const reason of skipped) console.log(`SKIPPED ${reason}`);
if (ci && skipped.length > 0) {
  console.log('CI=true: a skipped suite is a failure.');
  failedRun = true;
}
if (failedRun && totals.failed === 0) totals.failed = 1;
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRun ? 1 : 0);
