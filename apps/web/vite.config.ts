import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { classicEntryPlugin } from './classic-entry.ts';
import { precompiledMessages } from './precompiled-messages.ts';
import { openDocumentsEarly } from './src/lib/sync/open-early.ts';

const server = process.env.COGRADE_DEV_SERVER ?? 'http://localhost:8080';
const testing = process.env.VITEST !== undefined;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    svelte(),
    precompiledMessages(),
    // The entry runs as a classic script: V8's code cache reaches only those from the service worker.
    classicEntryPlugin(),
    // Inline, before the stylesheet (which would hold it back): IndexedDB opens the first screen's
    // databases while the app's script loads. After the charset, which must be in the first 1024 bytes.
    {
      name: 'cograde:open-documents-early',
      transformIndexHtml: (html) => {
        const charset = '<meta charset="utf-8" />';
        if (!html.includes(charset)) throw new Error('index.html: no <meta charset="utf-8" />');
        return html.replace(
          charset,
          `${charset}\n    <script>(${openDocumentsEarly.toString()})();</script>`,
        );
      },
    },
    // The service worker precaches the app shell only: documents live in IndexedDB and answers are cached
    // by the app itself, so nothing under /api or /sync may ever be answered from the worker's cache.
    testing
      ? []
      : VitePWA({
          registerType: 'autoUpdate',
          injectRegister: false,
          includeAssets: ['icon.svg'],
          manifest: {
            name: 'Cograde',
            short_name: 'Cograde',
            description: 'Collaborative grading of university exams, online and offline',
            theme_color: '#1f4e79',
            background_color: '#f7f8fa',
            display: 'standalone',
            start_url: '/',
            icons: [
              { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
              { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
              { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
              { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
            ],
          },
          workbox: {
            globPatterns: ['**/*.{js,css,html,svg,png,mjs,woff2}'],
            maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
            navigateFallback: '/index.html',
            navigateFallbackDenylist: [/^\/api\//, /^\/sync\//],
            runtimeCaching: [],
          },
        }),
  ],
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/sync': { target: server.replace(/^http/, 'ws'), ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // pdf.js and the holiday tables of R14 are large, but loaded only on demand (and precached for offline).
    chunkSizeWarningLimit: 1500,
    // The domain package is pure (no I/O, no side effects at import), so whatever the app does not use is
    // dropped; that keeps the holiday tables of R14 out of the first load.
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]domain[\\/]/.test(id) },
      // Everything the first screen imports statically is one file: each module file of a cold start
      // offline is one more round trip through the service worker before the app can run. What is
      // loaded on demand (other views, bokmål, pdf.js, charts) stays in chunks of its own. That one file
      // also lets the entry run as a classic script (classic-entry.ts).
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
    },
  },
  resolve: testing ? { conditions: ['browser'] } : {},
  test: {
    name: 'web',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.ts', '*.test.ts'],
    setupFiles: ['./src/test-setup.ts'],
  },
});
