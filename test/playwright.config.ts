import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (no browser downloads here) against the real server, which
// serves the built web app with the demo data on a fresh SQLite file.
const port = Number(process.env.COGRADE_E2E_PORT ?? 8181);
const dataDir = mkdtempSync(join(tmpdir(), 'cograde-e2e-'));
const root = join(import.meta.dirname, '..');

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.COGRADE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  webServer: {
    command: 'npm run build -w @cograde/web && npx tsx apps/sync-server/src/main.ts',
    cwd: root,
    url: `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      COGRADE_DATA_DIR: dataDir,
      COGRADE_DEMO: '1',
      COGRADE_ORIGINS: `http://localhost:${port}`,
    },
  },
});
