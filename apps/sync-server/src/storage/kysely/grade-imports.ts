import type { Kysely, Selectable } from 'kysely';
import type { GradeImportRecord, GradeImportRepository } from '../repository.ts';
import type { Database, GradeImportsTable } from '../schema.ts';

const fromRow = (r: Selectable<GradeImportsTable>): GradeImportRecord => ({
  id: r.id,
  examId: r.exam_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  fileName: r.file_name,
  status: r.status as GradeImportRecord['status'],
  // Written only by `put` below, from typed records.
  report: JSON.parse(r.report),
  applied: JSON.parse(r.applied),
});

export const gradeImports = (db: Kysely<Database>): GradeImportRepository => ({
  async put(rec) {
    const values = {
      exam_id: rec.examId,
      created_by: rec.createdBy,
      created_at: rec.createdAt,
      file_name: rec.fileName,
      status: rec.status,
      report: JSON.stringify(rec.report),
      applied: JSON.stringify(rec.applied),
    };
    await db
      .insertInto('grade_imports')
      .values({ id: rec.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  },
  async byId(examId, id) {
    const row = await db
      .selectFrom('grade_imports')
      .selectAll()
      .where('exam_id', '=', examId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : fromRow(row);
  },
  async ofExam(examId) {
    const rows = await db
      .selectFrom('grade_imports')
      .selectAll()
      .where('exam_id', '=', examId)
      .orderBy('created_at')
      .execute();
    return rows.map(fromRow);
  },
});
