/** The server as a library, for integration tests and tools; `main.ts` is the process entry. */
export { type App, type AppOptions, createApp } from './app.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export { hashSessionToken, sessionCookieName } from './auth/session-tokens.ts';
export { createSessions, type Sessions } from './auth/sessions.ts';
export { type Config, readConfig } from './config.ts';
export * from './ports.ts';
export { refreshProgress } from './progress/index.ts';
export { inf1010, termOf } from './seed/demo-exams.ts';
export { demoPassword, demoUsers, seedDemo, seedDemoIfEmpty } from './seed/index.ts';
export { openStorage, type Repository, SqliteDocStore, type Storage } from './storage/index.ts';
export { createStoreDocWriter } from './storage/store-doc-writer.ts';
export { createSyncService } from './sync/index.ts';
