import { can, commissionDoc, type Exam, gradeSchema, idSchema, sampleViewSchema } from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { commissionAccess } from '../actions/commission-action.ts';
import { authorizeExam } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { saveExam } from '../exams/exam-doc.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import { commissionDocName } from './commission-doc.ts';
import type { CommissionOptions } from './index.ts';
import { registerSampleFlagRoutes } from './sample-flags.ts';
import { sampleOf } from './second-examiner.ts';

/**
 * The exam's oversight settings (R8's `secondExaminerSample`, whether the grading supervisor sees final
 * grades), the second examiner's sample per commission (R8) with the coordinator's override, and the
 * supervisor's read-only view of registered final grades (R15: by candidate number, final grades only).
 */
const sampleSchema = z.object(sampleViewSchema.shape).openapi('SecondExaminerSample');
const settingsBody = z
  .object({
    secondExaminerSample: z.enum(['rule', 'all']).optional(),
    supervisorSeesFinals: z.boolean().optional(),
  })
  .openapi('OversightSettings');
const overrideBody = z
  .object({ policy: z.enum(['rule', 'all', 'exam']), reason: z.string().max(2000).optional() })
  .openapi('SampleOverride');
const finalsSchema = z
  .object({
    examId: z.string(),
    commissions: z.array(
      z.object({
        commissionId: z.string(),
        name: z.string(),
        purpose: z.string(),
        candidates: z.number().int(),
        finals: z.array(z.object({ candidate: z.string(), grade: gradeSchema })),
      }),
    ),
  })
  .openapi('RegisteredFinalGrades');

export const createOversightRoutes = (opts: CommissionOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);
  const commissionParams = z.object({ commissionId: idSchema });

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/exams/{examId}/oversight-settings',
      middleware: [auth] as const,
      summary: "Set the exam's R8 sample policy and whether the grading supervisor sees final grades",
      request: {
        params: z.object({ examId: idSchema }),
        body: { content: { 'application/json': { schema: settingsBody } }, required: true },
      },
      responses: {
        200: { description: 'Saved', content: { 'application/json': { schema: settingsBody } } },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const actor = c.get('actor');
      const exam = await authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });
      const body = c.req.valid('json');
      const policies = { ...exam.policies, ...body };
      await saveExam(opts, { ...exam, policies });
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'examChanged',
        examId,
        detail: { step: 'oversightSettings', ...body },
      });
      return c.json(
        {
          secondExaminerSample: policies.secondExaminerSample,
          supervisorSeesFinals: policies.supervisorSeesFinals ?? false,
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/commissions/{commissionId}/second-examiner-sample',
      middleware: [auth] as const,
      summary: "R8: the second examiner's sample, with why each paper is in it (coordinator, members)",
      request: { params: commissionParams },
      responses: {
        200: { description: 'The sample', content: { 'application/json': { schema: sampleSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { commission, exam } = await commissionAccess(
        opts,
        c.get('actor'),
        'read',
        c.req.valid('param').commissionId,
      );
      if (commission.purpose !== 'ordinary') throw new ApiError('notOrdinaryCommission', commission.id);
      return c.json(sampleSchema.parse(await sampleOf(opts.writer, exam, commission)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/commissions/{commissionId}/second-examiner-sample',
      middleware: [auth] as const,
      summary: "R8: the commission's own sample policy with the coordinator's reason, or back to the exam's",
      request: {
        params: commissionParams,
        body: { content: { 'application/json': { schema: overrideBody } }, required: true },
      },
      responses: {
        200: { description: 'The sample', content: { 'application/json': { schema: sampleSchema } } },
        ...errorResponses(400, 401, 403, 409),
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
      if (commission.purpose !== 'ordinary') throw new ApiError('notOrdinaryCommission', commission.id);
      const { policy, reason } = c.req.valid('json');
      const trimmed = reason?.trim() ?? '';
      if (policy !== 'exam' && trimmed === '') throw new ApiError('reasonRequired');
      const { [commission.id]: _, ...others } = exam.sampleOverrides ?? {};
      const sampleOverrides =
        policy === 'exam' ? others : { ...others, [commission.id]: { policy, reason: trimmed } };
      const next: Exam = { ...exam, sampleOverrides };
      await saveExam(opts, next);
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'examChanged',
        examId: exam.id,
        commissionId: commission.id,
        detail: { step: 'secondExaminerSample', policy, ...(trimmed === '' ? {} : { reason: trimmed }) },
      });
      return c.json(sampleSchema.parse(await sampleOf(opts.writer, next, commission)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/final-grades',
      middleware: [auth] as const,
      summary:
        "Every commission's registered final grades by candidate number (R15): coordinators, and the grading supervisor when the exam allows it",
      request: { params: z.object({ examId: idSchema }) },
      responses: {
        200: { description: 'Final grades', content: { 'application/json': { schema: finalsSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const exam = await opts.repo.exams.byId(examId);
      const resource = {
        kind: 'finals',
        examId,
        supervisorSeesFinals: exam?.policies.supervisorSeesFinals ?? false,
      } as const;
      if (exam === null || !can(c.get('actor'), 'read', resource)) throw new ApiError('forbidden');
      const commissions = [];
      for (const commission of await opts.repo.commissions.ofExam(examId)) {
        const finals = await opts.writer.read(commissionDocName(commission.id), (doc) => {
          const k = commissionDoc(doc);
          return k.candidateNumbers().flatMap((candidate) => {
            const final = k.final(candidate);
            return final === undefined ? [] : [{ candidate, grade: final.grade }];
          });
        });
        commissions.push({
          commissionId: commission.id,
          name: commission.name,
          purpose: commission.purpose,
          candidates: commission.candidates.length,
          finals,
        });
      }
      return c.json({ examId, commissions }, 200);
    },
  );

  registerSampleFlagRoutes(router, opts, auth);
  return router;
};
