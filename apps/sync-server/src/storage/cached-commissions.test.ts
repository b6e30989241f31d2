import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../ports.ts';
import { seedDemo } from '../seed/index.ts';
import { openStorage, type Storage } from './index.ts';
import { createStoreDocWriter } from './store-doc-writer.ts';

/** The single instance's commissions in memory: a write is seen by the next read, through every query. */
describe('commissions held in memory on SQLite', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cograde-commissions-'));
    storage = await openStorage(dir);
    await seedDemo({
      repo: storage.repo,
      writer: createStoreDocWriter(storage.docs),
      clock: systemClock,
      // The password hash is not under test here; argon2 would only slow the seed down.
      hashPassword: async (password) => `plain:${password}`,
    });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from memory until a commission is written, then reads the written one', async () => {
    const { commissions } = storage.repo;
    const k1 = await commissions.byId('K1');
    if (k1 === null) throw new Error('the demo has K1');
    expect(await commissions.byId('K1')).toBe(k1);
    const exam = await commissions.ofExam(k1.examId);
    const memberships = await commissions.membershipsOf('examiner3');
    expect(memberships.some((m) => m.commissionId === 'K1')).toBe(false);
    // Frozen: one caller cannot change what another is handed.
    expect(() => (k1.members as unknown[]).push({})).toThrow();

    const member = {
      userId: 'examiner3',
      displayName: 'Examiner 3',
      affiliation: 'internal' as const,
      firstTime: false,
      extra: true,
    };
    await commissions.put({ ...k1, name: 'Renamed', members: [...k1.members, member] });
    expect((await commissions.byId('K1'))?.name).toBe('Renamed');
    expect((await commissions.ofExam(k1.examId)).find((c) => c.id === 'K1')?.name).toBe('Renamed');
    expect((await commissions.ofExam(k1.examId)).length).toBe(exam.length);
    expect((await commissions.membershipsOf('examiner3')).some((m) => m.commissionId === 'K1')).toBe(true);
  });
});
