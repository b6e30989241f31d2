import { type Appeal, appealSchema } from '@cograde/domain';
import type { Kysely, Selectable } from 'kysely';
import type { AppealRepository } from '../repository.ts';
import type { Database } from '../schema.ts';

export const appeals = (db: Kysely<Database>): AppealRepository => {
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
