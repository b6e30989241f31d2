import { type CompositionProblem, can, checkCommissionComposition, type Member } from '@cograde/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import { errorResponse } from '../http/api-error.ts';
import type { AppEnv } from '../http/router.ts';
import type { AccessDirectory, SessionResolver } from '../ports.ts';
import { type AppealDeps, ordinaryParticipantsOf } from './register-appeal.ts';

/**
 * R9, R17: an extra examiner appointed to an appeal commission (R7, two externals) must not have taken part
 * in the ordinary grading of its candidate either. Runs before `POST /commissions/:id/extra-examiner`; for
 * an actor the route would refuse anyway it changes nothing, so the refusal stays the route's own.
 */
export const appealExtraExaminerGuard = (
  deps: AppealDeps & { sessions: SessionResolver; directory: AccessDirectory },
): MiddlewareHandler<AppEnv> => {
  const auth = requireUser(deps);
  const problemOf = async (c: Context<AppEnv>): Promise<CompositionProblem | undefined> => {
    const commissionId = c.req.param('commissionId') ?? '';
    const resource = await deps.directory.resourceOf({ kind: 'commission', commissionId });
    const commission = resource === null ? null : await deps.repo.commissions.byId(commissionId);
    if (resource === null || commission?.purpose !== 'appeal' || !can(c.get('actor'), 'manage', resource)) {
      return undefined;
    }
    const body = (await c.req.json().catch(() => null)) as { userId?: unknown } | null;
    const userId = typeof body?.userId === 'string' ? body.userId : null;
    const appeal = (await deps.repo.appeals.ofExam(commission.examId)).find(
      (a) => a.appealCommissionId === commission.id,
    );
    const ordinary =
      appeal === undefined ? null : await deps.repo.commissions.byId(appeal.ordinaryCommissionId);
    if (userId === null || appeal === undefined || ordinary === null) return undefined;
    const exam = await deps.repo.exams.byId(commission.examId);
    if (exam === null) return undefined;
    const extra: Member = {
      userId,
      displayName: userId,
      affiliation: 'external',
      firstTime: false,
      extra: true,
    };
    const check = checkCommissionComposition({
      examKind: exam.kind,
      purpose: 'appeal',
      members: [...commission.members, extra],
      candidates: [{ number: appeal.candidate }],
      ordinaryExaminers: await ordinaryParticipantsOf(deps, ordinary, appeal.candidate),
    });
    const problems = check.ok || !('problems' in check) ? [] : check.problems;
    return problems.find((p) => p.reason === 'tookPartInOrdinary');
  };
  return async (c, next) => {
    let refusal: Response | undefined;
    const unauthenticated = await auth(c, async () => {
      const problem = await problemOf(c);
      if (problem === undefined) await next();
      else refusal = errorResponse(c, problem.reason, problem.detail);
    });
    return refusal ?? unauthenticated;
  };
};
