import { type AuditEvent, auditEventSchema } from '@cograde/domain';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../repository.ts';
import type { Database } from '../schema.ts';

export const audit = (db: Kysely<Database>): AuditLog => ({
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
