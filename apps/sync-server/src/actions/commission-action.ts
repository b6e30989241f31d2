import {
  type Action,
  type Actor,
  type CandidateNumber,
  type Commission,
  type CommissionDoc,
  can,
  commissionDoc,
  docName,
  type Exam,
  type Reason,
  type Result,
} from '@cograde/domain';
import type * as Y from 'yjs';
import { ApiError } from '../http/api-error.ts';
import type { AccessDirectory, DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

export type ActionDeps = { repo: Repository; directory: AccessDirectory; writer: DocWriter };

export type ActionContext = { actor: Actor; exam: Exam; commission: Commission; candidate: CandidateNumber };

/**
 * The commission and its exam, if `can(actor, action, commission)`. A commission that does not exist is
 * refused exactly like one the actor may not act on, so a refusal does not tell which ids exist.
 */
export const commissionAccess = async (
  deps: Pick<ActionDeps, 'repo' | 'directory'>,
  actor: Actor,
  action: Action,
  commissionId: string,
): Promise<{ commission: Commission; exam: Exam }> => {
  const resource = await deps.directory.resourceOf({ kind: 'commission', commissionId });
  const commission = resource === null ? null : await deps.repo.commissions.byId(commissionId);
  const exam = commission === null ? null : await deps.repo.exams.byId(commission.examId);
  if (resource === null || commission === null || exam === null || !can(actor, action, resource)) {
    throw new ApiError('forbidden');
  }
  return { commission, exam };
};

/** Loads what every commission action needs and refuses unless `can(actor, action, commission)`. */
export const authorize = async (
  deps: ActionDeps,
  actor: Actor,
  action: Action,
  commissionId: string,
  candidate: CandidateNumber,
): Promise<ActionContext> => ({
  actor,
  ...(await commissionAccess(deps, actor, action, commissionId)),
  candidate,
});

/** The candidate as this actor may see them in the commission document (R13, R16). */
export const checkCandidate = (doc: CommissionDoc, ctx: ActionContext): Result => {
  const state = doc.candidate(ctx.candidate);
  if (state === undefined || state.disqualified.includes(ctx.actor.userId)) {
    return { ok: false, reason: 'unknownCandidate', detail: `candidate ${ctx.candidate}` };
  }
  if (!state.attended) return { ok: false, reason: 'notAttended', detail: `candidate ${ctx.candidate}` };
  return { ok: true };
};

/**
 * Decides and writes in one step on the document's owner, so no other write slips in between the check
 * and the change. `decide` returns the refusal, or the changes to make; a refusal writes nothing.
 */
export const decideAndWrite = async <T>(
  writer: DocWriter,
  commissionId: string,
  decide: (
    doc: CommissionDoc,
    raw: Y.Doc,
  ) => { ok: false; reason: Reason; detail?: string } | { ok: true; value: T; write: () => void },
): Promise<T> => {
  let outcome: { ok: false; reason: Reason; detail?: string } | { ok: true; value: T } | undefined;
  await writer.transact(docName({ kind: 'commission', commissionId }), (raw) => {
    const decision = decide(commissionDoc(raw), raw);
    if (decision.ok) decision.write();
    outcome = decision;
  });
  if (outcome === undefined) throw new Error('the writer did not run the change');
  if (!outcome.ok) throw new ApiError(outcome.reason, outcome.detail);
  return outcome.value;
};
