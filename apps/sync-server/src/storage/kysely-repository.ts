import {
  type Appeal,
  type AuditEvent,
  appealSchema,
  auditEventSchema,
  type Candidate,
  type Commission,
  commissionSchema,
  type Exam,
  examSchema,
} from '@cograde/domain';
import type { Kysely, Selectable } from 'kysely';
import type {
  AppealRepository,
  AuditLog,
  CommissionRepository,
  ExamGrant,
  ExamRepository,
  Repository,
  SessionRepository,
  UserRecord,
  UserRepository,
} from './repository.ts';
import type { Database, UsersTable } from './schema.ts';

const toUser = (row: Selectable<UsersTable>): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  oidc:
    row.oidc_issuer !== null && row.oidc_subject !== null
      ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
      : null,
});

const users = (db: Kysely<Database>): UserRepository => ({
  async byId(id) {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async byUsername(username) {
    const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async byOidc(issuer, subject) {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', subject)
      .executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async create(user, createdAt) {
    await db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        oidc_issuer: user.oidc?.issuer ?? null,
        oidc_subject: user.oidc?.subject ?? null,
        created_at: createdAt.toISOString(),
      })
      .execute();
  },
  async all() {
    return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
  },
});

const sessions = (db: Kysely<Database>): SessionRepository => ({
  async create(s) {
    await db
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        expires_at: s.expiresAt.toISOString(),
        created_at: s.createdAt.toISOString(),
      })
      .execute();
  },
  async userOf(tokenHash, now) {
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async delete(tokenHash) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
  async deleteExpired(now) {
    const result = await db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
});

const exams = (db: Kysely<Database>): ExamRepository => ({
  async put(exam) {
    const data = JSON.stringify(examSchema.parse(exam));
    await db
      .insertInto('exams')
      .values({ id: exam.id, data })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data }))
      .execute();
  },
  async byId(id) {
    const row = await db.selectFrom('exams').select('data').where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : examSchema.parse(JSON.parse(row.data));
  },
  async all() {
    const rows = await db.selectFrom('exams').select('data').orderBy('id').execute();
    return rows.map((r): Exam => examSchema.parse(JSON.parse(r.data)));
  },
  async putCandidates(examId, candidates) {
    if (candidates.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const c of candidates) {
        const values = {
          name: c.name,
          student_id: c.studentId,
          attended: c.attended ? 1 : 0,
          supervisor_id: c.supervisorId ?? null,
        };
        await trx
          .insertInto('candidates')
          .values({ exam_id: examId, number: c.number, ...values })
          .onConflict((oc) => oc.columns(['exam_id', 'number']).doUpdateSet(values))
          .execute();
      }
    });
  },
  async candidates(examId) {
    const rows = await db.selectFrom('candidates').selectAll().where('exam_id', '=', examId).execute();
    return rows
      .map(
        (r): Candidate => ({
          number: r.number,
          name: r.name,
          studentId: r.student_id,
          attended: r.attended === 1,
          ...(r.supervisor_id === null ? {} : { supervisorId: r.supervisor_id }),
        }),
      )
      .sort((a, b) => Number(a.number) - Number(b.number));
  },
  async putAnswer(a) {
    const values = { text: a.text, pdf: a.pdf ?? null };
    await db
      .insertInto('answers')
      .values({ exam_id: a.examId, candidate: a.candidate, question_id: a.questionId, ...values })
      .onConflict((oc) => oc.columns(['exam_id', 'candidate', 'question_id']).doUpdateSet(values))
      .execute();
  },
  async answers(examId, candidate) {
    const rows = await db
      .selectFrom('answers')
      .select(['question_id', 'text', (eb) => eb('pdf', 'is not', null).as('has_pdf')])
      .where('exam_id', '=', examId)
      .where('candidate', '=', candidate)
      .execute();
    return rows.map((r) => ({ questionId: r.question_id, text: r.text, hasPdf: Boolean(r.has_pdf) }));
  },
  async answerPdf(examId, candidate, questionId) {
    const row = await db
      .selectFrom('answers')
      .select('pdf')
      .where('exam_id', '=', examId)
      .where('candidate', '=', candidate)
      .where('question_id', '=', questionId)
      .executeTakeFirst();
    return row?.pdf == null ? null : new Uint8Array(row.pdf);
  },
  async addGrant(g) {
    await db
      .insertInto('grants')
      .values({ user_id: g.userId, exam_id: g.examId, role: g.role })
      .onConflict((oc) => oc.doNothing())
      .execute();
  },
  async grantsOf(userId) {
    const rows = await db
      .selectFrom('grants')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('exam_id')
      .execute();
    return rows.flatMap((r): ExamGrant[] =>
      r.role === 'coordinator' || r.role === 'supervisor'
        ? [{ userId: r.user_id, examId: r.exam_id, role: r.role }]
        : [],
    );
  },
});

const commissions = (db: Kysely<Database>): CommissionRepository => {
  const load = async (ids: readonly string[]): Promise<Commission[]> => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('commissions')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    const members = await db
      .selectFrom('commission_members')
      .selectAll()
      .where('commission_id', 'in', ids)
      .execute();
    const candidates = await db
      .selectFrom('commission_candidates')
      .selectAll()
      .where('commission_id', 'in', ids)
      .execute();
    return rows.map((r) =>
      commissionSchema.parse({
        id: r.id,
        examId: r.exam_id,
        name: r.name,
        purpose: r.purpose,
        split: JSON.parse(r.split),
        members: members
          .filter((m) => m.commission_id === r.id)
          .map((m) => ({
            userId: m.user_id,
            displayName: m.display_name,
            affiliation: m.affiliation,
            firstTime: m.first_time === 1,
            extra: m.extra === 1,
          })),
        candidates: candidates
          .filter((c) => c.commission_id === r.id)
          .map((c) => c.candidate)
          .sort((a, b) => Number(a) - Number(b)),
      }),
    );
  };
  return {
    async put(input) {
      const c = commissionSchema.parse(input);
      await db.transaction().execute(async (trx) => {
        const values = {
          exam_id: c.examId,
          name: c.name,
          purpose: c.purpose,
          split: JSON.stringify(c.split),
        };
        await trx
          .insertInto('commissions')
          .values({ id: c.id, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .execute();
        await trx.deleteFrom('commission_members').where('commission_id', '=', c.id).execute();
        await trx.deleteFrom('commission_candidates').where('commission_id', '=', c.id).execute();
        for (const m of c.members) {
          await trx
            .insertInto('commission_members')
            .values({
              commission_id: c.id,
              user_id: m.userId,
              display_name: m.displayName,
              affiliation: m.affiliation,
              first_time: m.firstTime ? 1 : 0,
              extra: m.extra ? 1 : 0,
            })
            .execute();
        }
        for (const candidate of c.candidates) {
          await trx.insertInto('commission_candidates').values({ commission_id: c.id, candidate }).execute();
        }
      });
    },
    async byId(id) {
      return (await load([id]))[0] ?? null;
    },
    async ofExam(examId) {
      const rows = await db.selectFrom('commissions').select('id').where('exam_id', '=', examId).execute();
      return load(rows.map((r) => r.id));
    },
    async membershipsOf(userId) {
      const rows = await db
        .selectFrom('commission_members')
        .innerJoin('commissions', 'commissions.id', 'commission_members.commission_id')
        .select(['commissions.id', 'commissions.exam_id', 'commissions.purpose'])
        .where('commission_members.user_id', '=', userId)
        .orderBy('commissions.id')
        .execute();
      return rows.map((r) => ({
        commissionId: r.id,
        examId: r.exam_id,
        purpose: commissionSchema.shape.purpose.parse(r.purpose),
      }));
    },
  };
};

const appeals = (db: Kysely<Database>): AppealRepository => {
  const toAppeal = (r: Selectable<Database['appeals']>): Appeal =>
    appealSchema.parse({
      id: r.id,
      examId: r.exam_id,
      candidate: r.candidate,
      ordinaryCommissionId: r.ordinary_commission_id,
      appealCommissionId: r.appeal_commission_id ?? undefined,
      thirdCommissionId: r.third_commission_id ?? undefined,
      reasons: r.reasons,
      registeredAt: r.registered_at,
      status: r.status,
    });
  return {
    async put(input) {
      const a = appealSchema.parse(input);
      const values = {
        exam_id: a.examId,
        candidate: a.candidate,
        ordinary_commission_id: a.ordinaryCommissionId,
        appeal_commission_id: a.appealCommissionId ?? null,
        third_commission_id: a.thirdCommissionId ?? null,
        reasons: a.reasons,
        registered_at: a.registeredAt,
        status: a.status,
      };
      await db
        .insertInto('appeals')
        .values({ id: a.id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    },
    async byId(id) {
      const row = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toAppeal(row);
    },
    async ofExam(examId) {
      const rows = await db
        .selectFrom('appeals')
        .selectAll()
        .where('exam_id', '=', examId)
        .orderBy('id')
        .execute();
      return rows.map(toAppeal);
    },
  };
};

const audit = (db: Kysely<Database>): AuditLog => ({
  async append(e) {
    const row = await db
      .insertInto('audit')
      .values({
        at: e.at.toISOString(),
        actor_id: e.actorId,
        action: e.action,
        exam_id: e.examId ?? null,
        commission_id: e.commissionId ?? null,
        candidate: e.candidate ?? null,
        detail: JSON.stringify(e.detail),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  async ofExam(examId) {
    const rows = await db
      .selectFrom('audit')
      .selectAll()
      .where('exam_id', '=', examId)
      .orderBy('id')
      .execute();
    return rows.map(
      (r): AuditEvent =>
        auditEventSchema.parse({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          action: r.action,
          examId: r.exam_id ?? undefined,
          commissionId: r.commission_id ?? undefined,
          candidate: r.candidate ?? undefined,
          detail: JSON.parse(r.detail),
        }),
    );
  },
});

export const createKyselyRepository = (db: Kysely<Database>): Repository => ({
  users: users(db),
  sessions: sessions(db),
  exams: exams(db),
  commissions: commissions(db),
  appeals: appeals(db),
  audit: audit(db),
  async isEmpty() {
    const [user, exam] = await Promise.all([
      db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
      db.selectFrom('exams').select('id').limit(1).executeTakeFirst(),
    ]);
    return user === undefined && exam === undefined;
  },
});
