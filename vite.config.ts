import { defineConfig } from 'vitest/config';

// One Vitest project per package; the web app's own tests run from apps/web/vite.config.ts,
// browser (Playwright) tests from test/playwright.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          root: './packages/domain',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'sync-server',
          root: './apps/sync-server',
          include: ['src/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      './apps/web/vite.config.ts',
      {
        test: {
          name: 'integration',
          root: './test',
          include: ['integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['packages/domain/src/**/*.ts'],
      exclude: ['**/*.test.ts'],
      thresholds: { 'packages/domain/src/**/*.ts': { lines: 95 } },
    },
  },
});
