import { type Commission, candidateNumberSchema, commissionSchema, idSchema } from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { commissionAccess } from '../actions/commission-action.ts';
import { authorizeExam, ordinaryCommissions } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, SessionResolver } from '../ports.ts';
import { commissionDocName, workOf } from './commission-doc.ts';
import { type CommissionDeps, saveCommission, splitEvenly } from './save-commission.ts';

/**
 * Commission forming (R17): the coordinator forms an exam's ordinary commissions, places candidates by
 * hand or splits them evenly, and names the members. Appeal and third-grading commissions are formed
 * with the appeal (`appeals/`). The R8 sample, the exam's oversight settings and the supervisor's view of
 * final grades are in `oversight.ts`.
 */
export type CommissionOptions = CommissionDeps & { sessions: SessionResolver; directory: AccessDirectory };

const examParams = z.object({ examId: idSchema });
const memberInput = z.object({
  userId: idSchema,
  affiliation: z.enum(['internal', 'external']),
  firstTime: z.boolean().optional(),
});
const commissionBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    members: z.array(memberInput).max(10),
    candidates: z.array(candidateNumberSchema).max(5000),
  })
  .openapi('CommissionInput');
const commissionOut = commissionSchema
  .extend({ working: z.array(z.string()).describe('candidates with marks, texts or grades: they stay') })
  .openapi('CommissionWithWork');
const overviewSchema = z
  .object({
    examId: z.string(),
    examKind: z.string(),
    secondExaminerSample: z.enum(['rule', 'all']),
    supervisorSeesFinals: z.boolean(),
    candidates: z.array(z.object({ number: z.string(), attended: z.boolean() })),
    commissions: z.array(commissionOut),
  })
  .openapi('CommissionOverview');
export const createCommissionRoutes = (opts: CommissionOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);

  const withWork = async (commission: Commission) => ({
    ...commission,
    working: await opts.writer.read(commissionDocName(commission.id), (doc) => {
      const work = workOf(doc);
      return commission.candidates.filter((n) => work.has(n));
    }),
  });
  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/commissions',
      middleware: [auth] as const,
      summary: "The exam's ordinary commissions and its candidates (members come from GET /api/people)",
      request: { params: examParams },
      responses: {
        200: { description: 'Overview', content: { 'application/json': { schema: overviewSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const exam = await authorizeExam(opts, c.get('actor'), 'manage', { kind: 'exam', examId });
      const commissions = await Promise.all((await ordinaryCommissions(opts, examId)).map(withWork));
      const candidates = (await opts.repo.exams.candidates(examId)).map((x) => ({
        number: x.number,
        attended: x.attended,
      }));
      return c.json(
        overviewSchema.parse({
          examId,
          examKind: exam.kind,
          secondExaminerSample: exam.policies.secondExaminerSample,
          supervisorSeesFinals: exam.policies.supervisorSeesFinals ?? false,
          candidates,
          commissions,
        }),
        200,
      );
    },
  );

  const saved = {
    content: { 'application/json': { schema: commissionOut } },
  };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/commissions',
      middleware: [auth] as const,
      summary: 'Form an ordinary commission (R17: refused with every problem listed)',
      request: {
        params: examParams,
        body: { content: { 'application/json': { schema: commissionBody } }, required: true },
      },
      responses: {
        201: { description: 'Formed', ...saved },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const actor = c.get('actor');
      const exam = await authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });
      const commission = await saveCommission(opts, actor, exam, null, c.req.valid('json'));
      return c.json(await withWork(commission), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/commissions/{commissionId}',
      middleware: [auth] as const,
      summary: 'Change a commission: name, members, candidates (R17; a candidate or member with work stays)',
      request: {
        params: z.object({ commissionId: idSchema }),
        body: { content: { 'application/json': { schema: commissionBody } }, required: true },
      },
      responses: {
        200: { description: 'Saved', ...saved },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { commission, exam } = await commissionAccess(
        opts,
        actor,
        'manage',
        c.req.valid('param').commissionId,
      );
      const after = await saveCommission(opts, actor, exam, commission, c.req.valid('json'));
      return c.json(await withWork(after), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/commissions/split-evenly',
      middleware: [auth] as const,
      summary: "Place every candidate no commission holds yet, evenly across the exam's commissions",
      request: { params: examParams },
      responses: {
        200: {
          description: 'Placed',
          content: { 'application/json': { schema: z.object({ commissions: z.array(commissionOut) }) } },
        },
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const actor = c.get('actor');
      const exam = await authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });
      const commissions = await ordinaryCommissions(opts, examId);
      if (commissions.length === 0) throw new ApiError('notFound', 'the exam has no ordinary commission yet');
      const numbers = (await opts.repo.exams.candidates(examId)).map((x) => x.number);
      const placed = splitEvenly(commissions, numbers);
      const out = [];
      for (const commission of commissions) {
        const candidates = placed.get(commission.id) ?? commission.candidates;
        const after =
          candidates.length === commission.candidates.length
            ? commission
            : await saveCommission(opts, actor, exam, commission, {
                name: commission.name,
                members: commission.members.filter((m) => !m.extra),
                candidates,
              });
        out.push(await withWork(after));
      }
      return c.json({ commissions: out }, 200);
    },
  );

  return router;
};
