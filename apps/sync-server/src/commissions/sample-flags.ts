import {
  can,
  candidateKey,
  candidateNumberSchema,
  idSchema,
  ordinaryExaminer,
  rootMap,
} from '@cograde/domain';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import { commissionDocName } from './commission-doc.ts';
import type { CommissionOptions } from './index.ts';

const flagsBody = z.object({ difficult: z.boolean(), closeToFail: z.boolean() }).openapi('SampleFlags');

/**
 * R8: the first examiner marks a paper as difficult to grade (preferred among the sample's "others") or,
 * on pass/fail, a Pass as close to Fail (always in the sample). Written with the server's authority to the
 * commission document's `sampleFlags`; the second examiner's sample follows at once.
 */
export const registerSampleFlagRoutes = (
  router: OpenAPIHono<AppEnv>,
  opts: CommissionOptions,
  auth: MiddlewareHandler<AppEnv>,
) => {
  router.openapi(
    createRoute({
      method: 'put',
      path: '/commissions/{commissionId}/candidates/{candidate}/sample-flags',
      middleware: [auth] as const,
      summary: "R8: the first examiner's flags on a paper (difficult, close to fail)",
      request: {
        params: z.object({ commissionId: idSchema, candidate: candidateNumberSchema }),
        body: { content: { 'application/json': { schema: flagsBody } }, required: true },
      },
      responses: {
        200: { description: 'Saved', content: { 'application/json': { schema: flagsBody } } },
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const actor = c.get('actor');
      const commission = await opts.repo.commissions.byId(commissionId);
      const resource =
        commission && ({ kind: 'commission', examId: commission.examId, commissionId } as const);
      if (commission === null || resource === null || !can(actor, 'confirm', resource)) {
        throw new ApiError('forbidden');
      }
      if (commission.purpose !== 'ordinary') throw new ApiError('notOrdinaryCommission', commissionId);
      // The first examiner flags; when the commission does not tell who that is, any grading member may.
      const first = ordinaryExaminer(commission.members);
      if (first.ok && first.member.userId !== actor.userId) throw new ApiError('forbidden');
      if (!commission.candidates.includes(candidate)) throw new ApiError('forbidden');
      const flags = c.req.valid('json');
      await opts.writer.transact(commissionDocName(commissionId), (doc) => {
        const map = rootMap(doc, 'commission', 'sampleFlags');
        if (!flags.difficult && !flags.closeToFail) map.delete(candidateKey(candidate));
        else
          map.set(candidateKey(candidate), {
            ...flags,
            by: actor.userId,
            at: opts.clock.now().toISOString(),
          });
      });
      return c.json(flags, 200);
    },
  );
};
