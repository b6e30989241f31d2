import type { Kysely } from 'kysely';
import type { Repository } from '../repository.ts';
import type { Database } from '../schema.ts';
import { appeals } from './appeals.ts';
import { audit } from './audit.ts';
import { commissions } from './commissions.ts';
import { exams } from './exams.ts';
import { gradeImports } from './grade-imports.ts';
import { sessions } from './sessions.ts';
import { users } from './users.ts';

/**
 * The relational store on Kysely, one file per concern. Only the dialect ties it to SQLite; a PostgreSQL
 * store would pass a Postgres dialect (the migrations' blob, autoincrement and trigger lines need a
 * Postgres branch first).
 */
export const createKyselyRepository = (db: Kysely<Database>): Repository => ({
  users: users(db),
  sessions: sessions(db),
  exams: exams(db),
  commissions: commissions(db),
  appeals: appeals(db),
  audit: audit(db),
  gradeImports: gradeImports(db),
  async isEmpty() {
    const [user, exam] = await Promise.all([
      db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
      db.selectFrom('exams').select('id').limit(1).executeTakeFirst(),
    ]);
    return user === undefined && exam === undefined;
  },
});
