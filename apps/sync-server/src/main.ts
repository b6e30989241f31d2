import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { hashPassword } from './auth/passwords.ts';
import { createSessions } from './auth/sessions.ts';
import { localOrigins, readConfig } from './config.ts';
import { createReadinessRoutes } from './fanout/readiness.ts';
import { systemClock } from './ports.ts';
import { refreshProgress } from './progress/index.ts';
import { createProgressOnline } from './progress/progress-online.ts';
import { createProgressRecount } from './progress/progress-recount.ts';
import { demoPassword, demoUsers, seedDemoIfEmpty } from './seed/index.ts';
import { openStorage } from './storage/index.ts';
import { createStoreDocWriter } from './storage/store-doc-writer.ts';
import { createSyncService, syncPathPrefix } from './sync/index.ts';

/** Any fixed number: the PostgreSQL advisory lock instances take around the demo seed. */
const seedLockKey = 4_711_001;

/** Reads the environment, opens and migrates storage, seeds the demo, then serves HTTP and WebSockets. */
const main = async () => {
  const config = readConfig();
  const clock = systemClock;
  const storage = await openStorage(config.databaseUrl ?? config.dataDir);
  const fanOut =
    config.redisUrl === null
      ? null
      : // Loaded only for several instances: a single one never needs the Redis client's memory.
        new (await import('./fanout/redis.ts')).RedisFanOut({
          url: config.redisUrl,
          prefix: config.redisPrefix,
        });
  // Serving without Redis is correct, only late for other instances' clients: wait a little, not forever.
  await fanOut?.connected(10_000).catch(() => console.error('redis: not reachable yet; serving, degraded'));

  if (config.demo) {
    // Seeding happens before the sync service holds any document, so it writes to the store directly;
    // of several instances starting at once on an empty database, one seeds and the others find it seeded.
    const seeded = await storage.exclusive(seedLockKey, () =>
      seedDemoIfEmpty({
        repo: storage.repo,
        writer: createStoreDocWriter(storage.docs, { clientId: 1 }),
        clock,
        hashPassword,
      }),
    );
    if (seeded) console.log(`Seeded the demo into ${storage.file}.`);
  }

  const sessions = createSessions(storage.repo, clock);
  // The recount writes through the sync service, which is created just below; edits arrive only after that.
  let recount: ReturnType<typeof createProgressRecount> | null = null;
  let online: ReturnType<typeof createProgressOnline> | null = null;
  const sync = createSyncService({
    onAccepted: (docName) => recount?.edited(docName),
    onPresence: (docName, userIds) => online?.present(docName, userIds),
    store: storage.docs,
    directory: storage.directory,
    sessions,
    clock,
    allowedOrigins: config.allowedOrigins,
    ...(fanOut === null ? {} : { fanOut }),
  });
  recount = createProgressRecount({ repo: storage.repo, writer: sync.writer, clock });
  online = createProgressOnline({ repo: storage.repo, writer: sync.writer });
  let stopping = false;
  const readiness = createReadinessRoutes({
    database: () => storage.ping(),
    fanOut,
    accepting: () => !stopping,
    stats: () => sync.stats(),
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
    extraApi: [readiness],
  });

  // Remaining working days change with the date: recount once at start (R14). A lone instance has
  // nobody connected yet, so whoever a crash left marked online is cleared; with several instances the
  // others' lists stand.
  for (const exam of await storage.repo.exams.all()) {
    await refreshProgress({ repo: storage.repo, writer: sync.writer, clock }, exam.id, undefined, {
      clearOnline: fanOut === null,
    });
  }

  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    // With PORT=0 the port is chosen now; both the REST guard and the upgrade read this list live.
    if (config.defaultOrigins && info.port !== config.port)
      config.allowedOrigins.push(...localOrigins(info.port));
    if (config.demo) {
      console.log(`Demo users: ${demoUsers.map((u) => u.username).join(', ')}; password: ${demoPassword}`);
    }
    const fan = config.redisUrl === null ? 'single instance' : `fan-out: Redis, prefix ${config.redisPrefix}`;
    console.log(`Cograde listening on http://localhost:${info.port} (data: ${storage.file}; ${fan})`);
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

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    clearInterval(sweep);
    recount?.stop();
    online?.stop();
    server.close();
    // Every acknowledged update is already on disk; closing only releases connections and the file.
    await sync.close();
    server.closeAllConnections();
    await fanOut?.close();
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
