import { type Candidate, type Exam, examSchema } from '@cograde/domain';
import type { Kysely } from 'kysely';
import type { ExamGrant, ExamRepository } from '../repository.ts';
import type { Database } from '../schema.ts';

export const exams = (db: Kysely<Database>): ExamRepository => ({
  async put(exam) {
    const data = JSON.stringify(examSchema.parse(exam));
    await db
      .insertInto('exams')
      .values({ id: exam.id, data })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data }))
      .execute();
  },
  async create(exam) {
    const data = JSON.stringify(examSchema.parse(exam));
    const result = await db
      .insertInto('exams')
      .values({ id: exam.id, data })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
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
