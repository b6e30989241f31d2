import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

/** SQLite only: the file's pragmas. The relational contract on both adapters is `repository.test.ts`. */
describe('migrations', () => {
  it('run once on a new file and leave an existing file as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cograde-migrate-'));
    try {
      const first = await openDatabase(dir);
      await first.db.insertInto('exams').values({ id: 'x', data: '{}' }).execute();
      await first.db.destroy();
      const second = await openDatabase(dir);
      expect(await second.db.selectFrom('exams').select('id').execute()).toEqual([{ id: 'x' }]);
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(second.db);
      expect(rows[0]?.journal_mode).toBe('wal');
      await second.db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
