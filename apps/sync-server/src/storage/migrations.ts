import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Every schema change, in code, oldest first. The names sort in order; a migration never changes once
 * released. Written with Kysely's schema builder so a PostgreSQL store can run the same list.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('oidc_issuer', 'text')
        .addColumn('oidc_subject', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('users_oidc_unique', ['oidc_issuer', 'oidc_subject'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('exams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('candidates')
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('student_id', 'text', (c) => c.notNull())
        .addColumn('attended', 'integer', (c) => c.notNull())
        .addColumn('supervisor_id', 'text')
        .addPrimaryKeyConstraint('candidates_pk', ['exam_id', 'number'])
        .execute();

      await db.schema
        .createTable('answers')
        .addColumn('exam_id', 'text', (c) => c.notNull())
        .addColumn('candidate', 'text', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('pdf', 'blob')
        .addPrimaryKeyConstraint('answers_pk', ['exam_id', 'candidate', 'question_id'])
        .addForeignKeyConstraint(
          'answers_candidate',
          ['exam_id', 'candidate'],
          'candidates',
          ['exam_id', 'number'],
          (c) => c.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('commissions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('split', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('commissions_exam').on('commissions').column('exam_id').execute();

      await db.schema
        .createTable('commission_members')
        .addColumn('commission_id', 'text', (c) =>
          c.notNull().references('commissions.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('affiliation', 'text', (c) => c.notNull())
        .addColumn('first_time', 'integer', (c) => c.notNull())
        .addColumn('extra', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('commission_members_pk', ['commission_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('commission_members_user')
        .on('commission_members')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('commission_candidates')
        .addColumn('commission_id', 'text', (c) =>
          c.notNull().references('commissions.id').onDelete('cascade'),
        )
        .addColumn('candidate', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('commission_candidates_pk', ['commission_id', 'candidate'])
        .execute();

      await db.schema
        .createTable('grants')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grants_pk', ['user_id', 'exam_id', 'role'])
        .execute();

      await db.schema
        .createTable('appeals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('candidate', 'text', (c) => c.notNull())
        .addColumn('ordinary_commission_id', 'text', (c) => c.notNull())
        .addColumn('appeal_commission_id', 'text')
        .addColumn('third_commission_id', 'text')
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('audit')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('exam_id', 'text')
        .addColumn('commission_id', 'text')
        .addColumn('candidate', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_exam').on('audit').column('exam_id').execute();
      // R21: the log is append-only even for code that reaches the table without the repository.
      await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`.execute(
        db,
      );

      await db.schema
        .createTable('doc_updates')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('bytes', 'blob', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc_name', 'seq']).execute();

      await db.schema
        .createTable('doc_snapshots')
        .addColumn('doc_name', 'text', (c) => c.primaryKey())
        .addColumn('bytes', 'blob', (c) => c.notNull())
        .addColumn('through_seq', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  /** R12: uploaded grade files, pending until accepted, and what each accepted row replaced (for undo). */
  '0002_grade_imports': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('grade_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('applied', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('grade_imports_exam').on('grade_imports').column('exam_id').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's error. */
export const migrateToLatest = async (db: Kysely<unknown>): Promise<void> => {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed`, { cause: error });
  }
};
