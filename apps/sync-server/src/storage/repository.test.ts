import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../ports.ts';
import { seedDemo } from '../seed/index.ts';
import { openDatabase } from './database.ts';
import { openStorage, type Storage } from './index.ts';
import { createStoreDocWriter } from './store-doc-writer.ts';
import { testDatabases } from './test-databases.ts';

const clock: Clock = { now: () => new Date('2026-11-23T12:00:00.000Z') };

/** The relational store's contract on every adapter: the demo seeded into SQLite and PostgreSQL alike. */
for (const database of testDatabases('repo')) {
  describe.skipIf(database.skip !== null)(
    `relational store and directory on ${database.name}${database.skip === null ? '' : ` (${database.skip})`}`,
    () => {
      let location: string;
      let storage: Storage;
      beforeAll(async () => {
        location = database.location();
        storage = await openStorage(location);
        await seedDemo({
          repo: storage.repo,
          writer: createStoreDocWriter(storage.docs, { clientId: 1 }),
          clock,
          hashPassword,
        });
      }, 60_000);
      afterAll(async () => {
        await storage?.close();
        await database.cleanup();
      });

      it('R21 keeps the audit log append-only: the database refuses every update and delete', async () => {
        const id = await storage.repo.audit.append({
          at: new Date('2026-11-23T12:00:00Z'),
          actorId: 'coordinator',
          action: 'reopen',
          examId: 'inf1010',
          commissionId: 'K1',
          candidate: '101',
          detail: { reason: 'typo in Q3' },
        });
        const { db } = await openDatabase(location);
        try {
          await expect(
            sql`UPDATE audit SET actor_id = 'someone' WHERE id = ${id}`.execute(db),
          ).rejects.toThrow(/append-only/);
          await expect(sql`DELETE FROM audit WHERE id = ${id}`.execute(db)).rejects.toThrow(/append-only/);
        } finally {
          await db.destroy();
        }
        const entry = (await storage.repo.audit.ofExam('inf1010')).find((e) => e.id === id);
        expect(entry).toMatchObject({
          actorId: 'coordinator',
          action: 'reopen',
          detail: { reason: 'typo in Q3' },
        });
      });

      it('maps documents to resources, and a document that does not exist to null', async () => {
        const d = storage.directory;
        expect(await d.resourceOf({ kind: 'commission', commissionId: 'K1' })).toEqual({
          kind: 'commission',
          examId: 'inf1010',
          commissionId: 'K1',
        });
        expect(
          await d.resourceOf({ kind: 'private', commissionId: 'K1', userId: 'examiner1' }),
        ).toMatchObject({
          kind: 'private',
          ownerId: 'examiner1',
        });
        expect(await d.resourceOf({ kind: 'commission', commissionId: 'K9' })).toBeNull();
        expect(await d.resourceOf({ kind: 'exam', examId: 'nope' })).toBeNull();
        expect(await d.resourceOf({ kind: 'appeal', appealId: 'nope' })).toBeNull();
        expect(await d.resourceOf({ kind: 'private', commissionId: 'K1', userId: 'examiner3' })).toBeNull();
      });

      it('R9 leaves the ordinary commission out of the appeal resource', async () => {
        expect(await storage.directory.resourceOf({ kind: 'appeal', appealId: 'appeal-103' })).toEqual({
          kind: 'appeal',
          examId: 'inf1010',
          appealId: 'appeal-103',
          commissionIds: ['A1'],
        });
      });

      it('builds the actor from exam grants and commission memberships', async () => {
        expect(await storage.directory.actorOf('examiner3')).toEqual({
          userId: 'examiner3',
          grants: [
            { role: 'examiner', examId: 'inf1010', commissionId: 'K2', purpose: 'ordinary' },
            { role: 'examiner', examId: 'exphil03', commissionId: 'K3', purpose: 'ordinary' },
          ],
        });
        expect(await storage.directory.actorOf('nobody')).toBeNull();
      });

      it('stores sessions, answers with PDFs, candidates and grade imports the same way', async () => {
        const user = await storage.repo.users.byUsername('examiner1');
        expect(user).toMatchObject({ id: 'examiner1', oidc: null });
        const now = clock.now();
        await storage.repo.sessions.create({
          tokenHash: 'h1',
          userId: 'examiner1',
          expiresAt: new Date(now.getTime() + 1000),
          createdAt: now,
        });
        expect((await storage.repo.sessions.userOf('h1', now))?.id).toBe('examiner1');
        expect(
          await storage.repo.sessions.deleteExpired(new Date(now.getTime() + 2000)),
        ).toBeGreaterThanOrEqual(1);
        expect(await storage.repo.sessions.userOf('h1', now)).toBeNull();

        const pdf = new Uint8Array([37, 80, 68, 70, 0, 255]);
        await storage.repo.exams.putAnswer({
          examId: 'inf1010',
          candidate: '101',
          questionId: 'q9',
          text: 'x',
          pdf,
        });
        expect(await storage.repo.exams.answerPdf('inf1010', '101', 'q9')).toEqual(pdf);
        expect(
          (await storage.repo.exams.answers('inf1010', '101')).find((a) => a.questionId === 'q9'),
        ).toEqual({
          questionId: 'q9',
          text: 'x',
          hasPdf: true,
        });
        const candidates = await storage.repo.exams.candidates('inf1010');
        expect(candidates.map((c) => c.number)).toEqual(
          [...candidates.map((c) => c.number)].sort((a, b) => Number(a) - Number(b)),
        );
        expect(await storage.repo.isEmpty()).toBe(false);
      });
    },
  );
}
