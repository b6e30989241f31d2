import { type Commission, commissionSchema } from '@cograde/domain';
import type { Kysely } from 'kysely';
import type { CommissionRepository } from '../repository.ts';
import type { Database } from '../schema.ts';

export const commissions = (db: Kysely<Database>): CommissionRepository => {
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
