import { type Actor, can, idSchema, type Resource } from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * Exam-wide reads for coordinators: the candidates' identities (R2: nobody else) and the audit log
 * (R21). Both are decided by `can()` on their own resource kinds.
 */
const candidatesSchema = z
  .object({
    examId: z.string(),
    candidates: z.array(
      z.object({ number: z.string(), name: z.string(), studentId: z.string(), attended: z.boolean() }),
    ),
  })
  .openapi('Identities');

const auditSchema = z
  .object({
    examId: z.string(),
    events: z.array(
      z.object({
        id: z.number(),
        at: z.string(),
        actorId: z.string(),
        action: z.string(),
        commissionId: z.string().optional(),
        candidate: z.string().optional(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .openapi('AuditLog');

type Options = { repo: Repository; directory: AccessDirectory; sessions: SessionResolver };

const params = z.object({ examId: idSchema });

/** Refuses alike whether the exam is missing or the actor may not read the resource. */
const authorize = async (repo: Repository, actor: Actor, resource: Resource) => {
  if ((await repo.exams.byId(resource.examId)) === null || !can(actor, 'read', resource)) {
    throw new ApiError('forbidden');
  }
};

export const createExamRoutes = (opts: Options) => {
  const router = createRouter();
  const auth = requireUser(opts);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/candidates',
      middleware: [auth] as const,
      summary: 'Names and student ids of the exam’s candidates (coordinators only, R2)',
      request: { params },
      responses: {
        200: { description: 'The candidates', content: { 'application/json': { schema: candidatesSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      await authorize(opts.repo, c.get('actor'), { kind: 'identities', examId });
      const candidates = (await opts.repo.exams.candidates(examId)).map(
        ({ number, name, studentId, attended }) => ({
          number,
          name,
          studentId,
          attended,
        }),
      );
      return c.json({ examId, candidates }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/audit',
      middleware: [auth] as const,
      summary: 'The exam’s append-only audit log (coordinators, R21)',
      request: {
        params,
        query: z.object({
          action: z.string().max(40).optional(),
          candidate: z.string().max(10).optional(),
          commissionId: z.string().max(64).optional(),
        }),
      },
      responses: {
        200: {
          description: 'The log, oldest first',
          content: { 'application/json': { schema: auditSchema } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const filter = c.req.valid('query');
      await authorize(opts.repo, c.get('actor'), { kind: 'audit', examId });
      const events = (await opts.repo.audit.ofExam(examId))
        .filter((e) => filter.action === undefined || e.action === filter.action)
        .filter((e) => filter.candidate === undefined || e.candidate === filter.candidate)
        .filter((e) => filter.commissionId === undefined || e.commissionId === filter.commissionId)
        .map(({ examId: _exam, ...event }) => event);
      return c.json({ examId, events }, 200);
    },
  );
  return router;
};
