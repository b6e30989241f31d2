import { type Action, type Actor, type Commission, can, type Exam, type Resource } from '@cograde/domain';
import { ApiError } from '../http/api-error.ts';
import type { ActionDeps } from './commission-action.ts';

/**
 * Loads an exam and refuses unless `can(actor, action, resource)`; a missing exam is refused exactly like
 * a forbidden one.
 */
export const authorizeExam = async (
  deps: Pick<ActionDeps, 'repo'>,
  actor: Actor,
  action: Action,
  resource: Resource,
): Promise<Exam> => {
  const exam = await deps.repo.exams.byId(resource.examId);
  if (exam === null || !can(actor, action, resource)) throw new ApiError('forbidden');
  return exam;
};

/** The exam's commissions that grade in the first place (not appeals or third gradings). */
export const ordinaryCommissions = async (
  deps: Pick<ActionDeps, 'repo'>,
  examId: string,
): Promise<Commission[]> =>
  (await deps.repo.commissions.ofExam(examId)).filter((c) => c.purpose === 'ordinary');

/** Refuses unless the actor may do `action` on every one of the commissions. */
export const authorizeCommissions = async (
  deps: Pick<ActionDeps, 'directory'>,
  actor: Actor,
  action: Action,
  commissions: readonly Commission[],
): Promise<void> => {
  for (const commission of commissions) {
    const resource = await deps.directory.resourceOf({ kind: 'commission', commissionId: commission.id });
    if (resource === null || !can(actor, action, resource)) throw new ApiError('forbidden');
  }
};
