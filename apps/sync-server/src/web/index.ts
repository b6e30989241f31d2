import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const missingBuild = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Cograde</title>
<body style="font-family:system-ui;margin:3rem"><h1>Cograde</h1>
<p>The web app is not built yet. Run <code>npm run build -w @cograde/web</code> (or <code>npm start</code> from the
repository root, which builds it first), then reload.</p></body></html>`;

/**
 * Serves the built web app: files as they are, and index.html for every other path so the single-page
 * app's own routes survive a reload. Paths under /api and /sync never reach here.
 */
export const createWebRoutes = (root: string) => {
  const app = new Hono();
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    app.get('*', (c) => c.html(missingBuild, 503));
    return app;
  }
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => c.html(readFileSync(index, 'utf8')));
  return app;
};
