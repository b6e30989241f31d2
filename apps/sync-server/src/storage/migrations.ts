import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';

/**
 * The same list runs on SQLite and PostgreSQL. Where their syntax differs (binary columns,
 * auto-increment keys, triggers) a migration branches on the dialect; everything else is Kysely's schema
 * builder, which speaks both.
 */
const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;
const bytes = (db: Kysely<unknown>) => (isPostgres(db) ? 'bytea' : 'blob');

/**
 * Every schema change, in code, oldest first. The names sort in order; a migration never changes once
 * released (the dialect branches only say in PostgreSQL what the SQLite lines already said).
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
        .addColumn('pdf', bytes(db))
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
        .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
          isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
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
      if (isPostgres(db)) {
        await sql`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit is append-only'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(
          db,
        );
        await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(
          db,
        );
      } else {
        await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`.execute(
          db,
        );
        await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`.execute(
          db,
        );
      }

      await db.schema
        .createTable('doc_updates')
        .addColumn('seq', isPostgres(db) ? 'bigserial' : 'integer', (c) =>
          isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('bytes', bytes(db), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc_name', 'seq']).execute();

      await db.schema
        .createTable('doc_snapshots')
        .addColumn('doc_name', 'text', (c) => c.primaryKey())
        .addColumn('bytes', bytes(db), (c) => c.notNull())
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
  /**
   * A sequence number per document (1, 2, 3 … in commit order) for several instances: `doc_heads` holds
   * each document's latest, its row is locked by every append, and an instance that sees a gap in the
   * numbers it received over the fan-out knows it missed an update and reads it from here.
   */
  '0003_doc_sequence': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('doc_updates').addColumn('doc_seq', 'integer').execute();
      await sql`UPDATE doc_updates SET doc_seq = (SELECT COUNT(*) FROM doc_updates AS d WHERE d.doc_name = doc_updates.doc_name AND d.seq <= doc_updates.seq)`.execute(
        db,
      );
      await db.schema
        .createIndex('doc_updates_doc_seq')
        .on('doc_updates')
        .columns(['doc_name', 'doc_seq'])
        .unique()
        .execute();
      await db.schema
        .alterTable('doc_snapshots')
        .addColumn('through_doc_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('doc_heads')
        .addColumn('doc_name', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO doc_heads (doc_name, seq) SELECT doc_name, MAX(doc_seq) FROM doc_updates GROUP BY doc_name`.execute(
        db,
      );
      await sql`INSERT INTO doc_heads (doc_name, seq) SELECT doc_name, 0 FROM doc_snapshots WHERE doc_name NOT IN (SELECT doc_name FROM doc_heads)`.execute(
        db,
      );
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the given migration only: tests of a later migration on older data. */
export const migrateTo = async (db: Kysely<unknown>, name: string): Promise<void> => {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error !== undefined) throw new Error(`migration to ${name} failed`, { cause: error });
};

/** Brings the database to the latest schema; throws with the failing migration's error. */
export const migrateToLatest = async (db: Kysely<unknown>, schema?: string): Promise<void> => {
  // On PostgreSQL the migrator's own tables go into the schema in use, not whichever schema has them.
  const { error, results } = await new Migrator({
    db,
    provider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed`, { cause: error });
  }
};
