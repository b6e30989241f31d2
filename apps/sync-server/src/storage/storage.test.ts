import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, demoApp } from '../testing/demo-app.ts';
import { openDatabase } from './database.ts';

describe('relational store and directory', () => {
  let t: DemoApp;
  beforeAll(async () => {
    t = await demoApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('R21 keeps the audit log append-only: the database refuses every update and delete', async () => {
    const id = await t.storage.repo.audit.append({
      at: new Date('2026-11-23T12:00:00Z'),
      actorId: 'coordinator',
      action: 'reopen',
      examId: 'inf1010',
      commissionId: 'K1',
      candidate: '101',
      detail: { reason: 'typo in Q3' },
    });
    const { db } = await openDatabase(t.dir);
    try {
      await expect(sql`UPDATE audit SET actor_id = 'someone' WHERE id = ${id}`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`DELETE FROM audit WHERE id = ${id}`.execute(db)).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
    const entry = (await t.storage.repo.audit.ofExam('inf1010')).find((e) => e.id === id);
    expect(entry).toMatchObject({
      actorId: 'coordinator',
      action: 'reopen',
      detail: { reason: 'typo in Q3' },
    });
  });

  it('maps documents to resources, and a document that does not exist to null', async () => {
    const d = t.storage.directory;
    expect(await d.resourceOf({ kind: 'commission', commissionId: 'K1' })).toEqual({
      kind: 'commission',
      examId: 'inf1010',
      commissionId: 'K1',
    });
    expect(await d.resourceOf({ kind: 'private', commissionId: 'K1', userId: 'examiner1' })).toMatchObject({
      kind: 'private',
      ownerId: 'examiner1',
    });
    expect(await d.resourceOf({ kind: 'commission', commissionId: 'K9' })).toBeNull();
    expect(await d.resourceOf({ kind: 'exam', examId: 'nope' })).toBeNull();
    expect(await d.resourceOf({ kind: 'progress', examId: 'nope' })).toBeNull();
    expect(await d.resourceOf({ kind: 'appeal', appealId: 'nope' })).toBeNull();
    // A private document exists only for a member of its commission.
    expect(await d.resourceOf({ kind: 'private', commissionId: 'K1', userId: 'examiner3' })).toBeNull();
  });

  it('R9 leaves the ordinary commission out of the appeal resource', async () => {
    expect(await t.storage.directory.resourceOf({ kind: 'appeal', appealId: 'appeal-103' })).toEqual({
      kind: 'appeal',
      examId: 'inf1010',
      appealId: 'appeal-103',
      commissionIds: ['A1'],
    });
  });

  it('builds the actor from exam grants and commission memberships', async () => {
    expect(await t.storage.directory.actorOf('examiner3')).toEqual({
      userId: 'examiner3',
      grants: [
        { role: 'examiner', examId: 'inf1010', commissionId: 'K2', purpose: 'ordinary' },
        { role: 'examiner', examId: 'exphil03', commissionId: 'K3', purpose: 'ordinary' },
      ],
    });
    expect(await t.storage.directory.actorOf('nobody')).toBeNull();
  });
});

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
