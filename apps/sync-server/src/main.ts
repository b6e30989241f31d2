import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { hashPassword } from './auth/passwords.ts';
import { createSessions } from './auth/sessions.ts';
import { localOrigins, readConfig } from './config.ts';
import { systemClock } from './ports.ts';
import { refreshProgress } from './progress/index.ts';
import { demoPassword, demoUsers, seedDemoIfEmpty } from './seed/index.ts';
import { openStorage } from './storage/index.ts';
import { createStoreDocWriter } from './storage/store-doc-writer.ts';
import { createSyncService, syncPathPrefix } from './sync/index.ts';

/** Reads the environment, opens and migrates storage, seeds the demo, then serves HTTP and WebSockets. */
const main = async () => {
  const config = readConfig();
  const clock = systemClock;
  const storage = await openStorage(config.dataDir);

  if (config.demo) {
    // Seeding happens before the sync service holds any document, so it writes to the store directly.
    const seeded = await seedDemoIfEmpty({
      repo: storage.repo,
      writer: createStoreDocWriter(storage.docs, { clientId: 1 }),
      clock,
      hashPassword,
    });
    if (seeded) console.log(`Seeded the demo into ${config.dataDir}.`);
  }

  const sessions = createSessions(storage.repo, clock);
  const sync = createSyncService({
    store: storage.docs,
    directory: storage.directory,
    sessions,
    clock,
    allowedOrigins: config.allowedOrigins,
  });
  const app = createApp({
    repo: storage.repo,
    directory: storage.directory,
    sessions,
    clock,
    allowedOrigins: config.allowedOrigins,
    secureCookies: config.secureCookies,
    writer: sync.writer,
    webRoot: config.webRoot,
    oidc: config.oidc,
  });

  // Remaining working days change with the date: recount once at start (R14).
  for (const exam of await storage.repo.exams.all()) {
    await refreshProgress({ repo: storage.repo, writer: sync.writer, clock }, exam.id);
  }

  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    // With PORT=0 the port is chosen now; both the REST guard and the upgrade read this list live.
    if (config.defaultOrigins && info.port !== config.port)
      config.allowedOrigins.push(...localOrigins(info.port));
    if (config.demo) {
      console.log(`Demo users: ${demoUsers.map((u) => u.username).join(', ')}; password: ${demoPassword}`);
    }
    console.log(`Cograde listening on http://localhost:${info.port} (data: ${config.dataDir})`);
  }) as Server;

  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith(syncPathPrefix)) {
      socket.destroy();
      return;
    }
    sync.handleUpgrade(req, socket, head).catch((error: unknown) => {
      console.error('upgrade failed', error);
      socket.destroy();
    });
  });

  const sweep = setInterval(() => {
    storage.repo.sessions
      .deleteExpired(clock.now())
      .catch((error: unknown) => console.error('session sweep', error));
  }, 3_600_000);
  sweep.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    clearInterval(sweep);
    server.close();
    // Every acknowledged update is already on disk; closing only releases connections and the file.
    await sync.close();
    server.closeAllConnections();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
