import { candidateKey, candidateNumberSchema, idSchema, ordinaryExaminer, rootMap } from '@cograde/domain';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { authorize, checkCandidate, decideAndWrite } from '../actions/commission-action.ts';
import { ApiError } from '../http/api-error.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import type { CommissionOptions } from './index.ts';

const flagsBody = z.object({ difficult: z.boolean(), closeToFail: z.boolean() }).openapi('SampleFlags');

/**
 * R8: the first examiner marks a paper as difficult to grade (preferred among the sample's "others") or,
 * on pass/fail, a Pass as close to Fail (always in the sample). Written with the server's authority to the
 * commission document's `sampleFlags`; the second examiner's sample follows at once. Audited (R21); a
 * candidate hidden from the examiner (R16) or absent (R13) is refused like any commission action.
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
      const ctx = await authorize(opts, c.get('actor'), 'flag', commissionId, candidate);
      const { commission, exam, actor } = ctx;
      if (commission.purpose !== 'ordinary') throw new ApiError('notOrdinaryCommission', commissionId);
      // The first examiner flags; when the commission does not tell who that is, any grading member may.
      const first = ordinaryExaminer(commission.members);
      if (first.ok && first.member.userId !== actor.userId) throw new ApiError('forbidden');
      const flags = c.req.valid('json');
      if (flags.closeToFail && exam.scale.kind !== 'passFail') throw new ApiError('closeToFailNotPassFail');
      const at = opts.clock.now();
      await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        // R13, R16: a candidate hidden from the examiner, or absent, is not theirs to flag.
        const known = checkCandidate(doc, ctx);
        if (!known.ok) return known;
        const map = rootMap(raw, 'commission', 'sampleFlags');
        return {
          ok: true,
          value: null,
          write: () => {
            if (!flags.difficult && !flags.closeToFail) map.delete(candidateKey(candidate));
            else map.set(candidateKey(candidate), { ...flags, by: actor.userId, at: at.toISOString() });
          },
        };
      });
      await opts.repo.audit.append({
        at,
        actorId: actor.userId,
        action: 'sampleFlag',
        examId: exam.id,
        commissionId,
        candidate,
        detail: { ...flags },
      });
      return c.json(flags, 200);
    },
  );
};
