import {
  type Commission,
  can,
  commissionDoc,
  countingFinal,
  docName,
  type FinalGrade,
  type Grade,
  gradeDistribution,
  idSchema,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, DocWriter, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * R19: one exam's grade distribution and share of fails, for coordinators and the grading supervisor
 * (`can(read, statistics)`). Counts the grade that counts per candidate (after an appeal or third
 * grading, R10); candidates under a cheating hold (R11) and non-attendees are left out. Numbers only:
 * no candidate appears in the answer.
 */
export type GradeStatisticsOptions = {
  repo: Repository;
  directory: AccessDirectory;
  writer: DocWriter;
  sessions: SessionResolver;
};

const gradeStatisticsSchema = z
  .object({
    examId: z.string(),
    scale: z.string(),
    counts: z.array(z.object({ grade: z.string(), count: z.number().int(), share: z.number() })),
    total: z.number().int(),
    failShare: z.number(),
  })
  .openapi('GradeStatistics');

export const createGradeStatisticsRoutes = (opts: GradeStatisticsOptions) => {
  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/grade-statistics',
      middleware: [requireUser(opts)] as const,
      summary: 'Grade distribution and share of fails of the final grades (R19)',
      request: { params: z.object({ examId: idSchema }) },
      responses: {
        200: {
          description: 'The distribution',
          content: { 'application/json': { schema: gradeStatisticsSchema } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const exam = await opts.repo.exams.byId(examId);
      if (exam === null || !can(c.get('actor'), 'read', { kind: 'statistics', examId })) {
        throw new ApiError('forbidden');
      }
      const seen = new Map<
        string,
        { attended: boolean; held: boolean; finals: Partial<Record<Commission['purpose'], FinalGrade>> }
      >();
      for (const commission of await opts.repo.commissions.ofExam(examId)) {
        await opts.writer.read(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
          const doc = commissionDoc(raw);
          for (const candidate of commission.candidates) {
            const entry = seen.get(candidate) ?? { attended: false, held: false, finals: {} };
            if (commission.purpose === 'ordinary')
              entry.attended = doc.candidate(candidate)?.attended ?? false;
            entry.held ||= doc.hold(candidate) !== undefined;
            const final = doc.final(candidate);
            if (final !== undefined) entry.finals[commission.purpose] = final;
            seen.set(candidate, entry);
          }
        });
      }
      const grades: Grade[] = [];
      for (const e of seen.values()) {
        const final = countingFinal(e.finals);
        if (e.attended && !e.held && final !== undefined) grades.push(final.grade);
      }
      const distribution = gradeDistribution(exam.scale, grades);
      if (!distribution.ok) throw new ApiError(distribution.reason, distribution.detail);
      const { ok: _, ...rest } = distribution;
      return c.json({ examId, scale: exam.scale.kind, ...rest }, 200);
    },
  );
  return router;
};
