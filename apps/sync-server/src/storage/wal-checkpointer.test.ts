import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from './database.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

/** The WAL checkpointer: a thread with its own connection checkpoints, the server's connection never. */
describe('SQLite WAL checkpointer', () => {
  let dir: string;
  let opened: OpenDatabase;
  let sqlite: BetterSqlite.Database;
  const autoCheckpoint = () => sqlite.pragma('wal_autocheckpoint', { simple: true });
  const size = (suffix = '') => statSync(`${opened.file}${suffix}`).size;
  /** About 2,500 pages: past the 1,000 at which SQLite's committing connection checkpoints by default. */
  const writeTenMegabytes = () => {
    sqlite.exec('CREATE TABLE IF NOT EXISTS filler (bytes BLOB)');
    const insert = sqlite.prepare('INSERT INTO filler (bytes) VALUES (?)');
    for (let i = 0; i < 40; i++) sqlite.transaction(() => insert.run(Buffer.alloc(256 * 1024, i)))();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cograde-checkpoint-'));
    opened = await openDatabase(dir);
    sqlite = opened.sqlite!;
  });
  afterEach(async () => {
    await opened.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the WAL into the database file from its own connection, never from the committing one', async () => {
    // No timer within the test: only the explicit checkpoint below runs.
    const checkpointer = startWalCheckpointer(sqlite, opened.file, { everyMs: 3_600_000 });
    await checkpointer.ready;
    expect(autoCheckpoint()).toBe(0);
    const before = size();
    writeTenMegabytes();
    // Everything is still in the WAL: the commits did not checkpoint.
    expect(size()).toBe(before);
    expect(size('-wal')).toBeGreaterThan(10_000_000);
    expect(await checkpointer.checkpointNow()).toBeGreaterThan(2_000);
    expect(size()).toBeGreaterThan(before + 10_000_000);
    await checkpointer.close();
    // Stopped: the server's connection checkpoints on its own again, as SQLite does by default.
    expect(autoCheckpoint()).toBe(1000);
  });

  it('checkpoints on its timer', async () => {
    const checkpointer = startWalCheckpointer(sqlite, opened.file, { everyMs: 50 });
    await checkpointer.ready;
    const before = size();
    writeTenMegabytes();
    await expect.poll(() => size(), { timeout: 5_000 }).toBeGreaterThan(before + 10_000_000);
    await checkpointer.close();
  });

  it('leaves checkpoints to the committing connection when its thread cannot start', async () => {
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer(sqlite, join(dir, 'missing.sqlite'), {
      log: (message) => errors.push(message),
    });
    await expect(checkpointer.ready).rejects.toThrow('unable to open database file');
    expect(autoCheckpoint()).toBe(1000);
    expect(errors).toEqual([
      "SQLite checkpointer stopped (unable to open database file); the server's connection checkpoints again",
    ]);
    const before = size();
    writeTenMegabytes();
    // SQLite's own checkpoints ran inside those commits.
    expect(size()).toBeGreaterThan(before);
    await checkpointer.close();
  });

  it('keeps a process that closes its storage alive until the thread has closed its connection', () => {
    // In a process of its own, as the server runs it: vitest's own handles would keep this one alive.
    const printed = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { openStorage } from ${JSON.stringify(new URL('./index.ts', import.meta.url).pathname)};
         const storage = await openStorage(${JSON.stringify(join(dir, 'own'))});
         await storage.close();
         console.log('closed');`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(printed.trim()).toBe('closed');
  });
});
