import {
  type Actor,
  type Appeal,
  type CandidateNumber,
  type Commission,
  checkCommissionComposition,
  docName,
  type Exam,
  idSchema,
  type Member,
  ordinaryParticipants,
  rootMap,
} from '@cograde/domain';
import { ApiError } from '../http/api-error.ts';
import type { Clock, DocWriter } from '../ports.ts';
import { refreshProgress } from '../progress/index.ts';
import type { Repository } from '../storage/repository.ts';
import { autoPointsOf, outcomeOf, writeRegradingCommission } from './commission-docs.ts';

export type AppealDeps = { repo: Repository; writer: DocWriter; clock: Clock };

export type NewAppealMember = { userId: string; affiliation: Member['affiliation']; firstTime?: boolean };

/**
 * Ids follow the candidate, so one appeal per candidate and exam is also what the ids allow. An id past
 * 64 characters is refused before anything is written (exam ids are capped so this should not happen).
 */
export const appealIds = (examId: string, candidate: CandidateNumber) => {
  const ids = {
    appealId: `${examId}-appeal-${candidate}`,
    commissionId: `${examId}-A-${candidate}`,
    thirdCommissionId: `${examId}-T-${candidate}`,
  };
  for (const id of Object.values(ids))
    if (!idSchema.safeParse(id).success) throw new ApiError('idTooLong', id);
  return ids;
};

/** R9: a re-grading commission never takes over a commission that exists (an ordinary one named `A 101`). */
export const refuseExisting = async (repo: Repository, commissionId: string) => {
  if ((await repo.commissions.byId(commissionId)) !== null)
    throw new ApiError('commissionExists', commissionId);
};

/**
 * Writes the appeal record document: what the appeal examiners may read of the appeal (never the reasons).
 * A third grading shows as `grading`: that one was opened would tell an appeal examiner outside it that
 * the ordinary grade is two or more steps from theirs (R9).
 */
export const writeAppealRecord = (writer: DocWriter, appeal: Appeal) =>
  writer.transact(docName({ kind: 'appeal', appealId: appeal.id }), (doc) => {
    rootMap(doc, 'appeal', 'record').set('appeal', {
      appealId: appeal.id,
      examId: appeal.examId,
      candidate: appeal.candidate,
      commissionId: appeal.appealCommissionId ?? appeal.ordinaryCommissionId,
      registeredAt: appeal.registeredAt,
      status: appeal.status === 'thirdGrading' ? 'grading' : appeal.status,
    });
  });

/** The members as commission members, with the display names their accounts have. */
export const membersOf = async (
  deps: Pick<AppealDeps, 'repo'>,
  input: readonly NewAppealMember[],
): Promise<Member[]> => {
  const members: Member[] = [];
  for (const m of input) {
    const user = await deps.repo.users.byId(m.userId);
    if (user === null) throw new ApiError('unknownUser', m.userId);
    members.push({
      userId: user.id,
      displayName: user.displayName,
      affiliation: m.affiliation,
      firstTime: m.firstTime ?? false,
      extra: false,
    });
  }
  return members;
};

/** What examiners do for a candidate; the audit log's other actions are the coordinator's. */
const examinerActions: ReadonlySet<string> = new Set([
  'confirm',
  'register',
  'flag',
  'disqualify',
  'reopenRequest',
]);

/**
 * R9: who took part in the ordinary grading of the candidate: the ordinary commission's members (its extra
 * examiner included), whoever confirmed there, and whoever the audit log shows acting for the candidate
 * there (a member since replaced still took part).
 */
export const ordinaryParticipantsOf = async (
  deps: Pick<AppealDeps, 'repo' | 'writer'>,
  ordinary: Commission,
  candidate: CandidateNumber,
) => {
  const { confirmedBy } = await outcomeOf(deps.writer, ordinary.id, candidate);
  const actedFor = (await deps.repo.audit.ofExam(ordinary.examId))
    .filter(
      (e) => e.commissionId === ordinary.id && e.candidate === candidate && examinerActions.has(e.action),
    )
    .map((e) => e.actorId);
  return ordinaryParticipants(candidate, ordinary.members, [...confirmedBy, ...actedFor]);
};

/** The ordinary commission that holds the candidate. */
export const ordinaryCommissionOf = async (repo: Repository, examId: string, candidate: CandidateNumber) =>
  (await repo.commissions.ofExam(examId)).find(
    (c) => c.purpose === 'ordinary' && c.candidates.includes(candidate),
  ) ?? null;

/**
 * Registers a candidate's appeal and forms its commission (R9, R17): two examiners, at least one
 * external, none of whom took part in the ordinary grading of the candidate. The candidate's reasons are
 * kept in the appeals table only; the appeal commission's document holds the candidate, the auto points
 * and its own members; the appeal record document holds neither reasons nor grades.
 */
export const registerAppeal = async (
  deps: AppealDeps,
  actor: Actor,
  exam: Exam,
  input: { candidate: CandidateNumber; reasons: string; members: readonly NewAppealMember[]; name?: string },
): Promise<{ appeal: Appeal; commission: Commission }> => {
  const { repo, writer } = deps;
  const { candidate } = input;
  const ordinary = await ordinaryCommissionOf(repo, exam.id, candidate);
  if (ordinary === null) throw new ApiError('candidateNotInExam', `candidate ${candidate}`);
  if ((await repo.appeals.ofExam(exam.id)).some((a) => a.candidate === candidate)) {
    throw new ApiError('appealExists', `candidate ${candidate}`);
  }
  const before = await outcomeOf(writer, ordinary.id, candidate);
  if (before.final === undefined) throw new ApiError('noOrdinaryGrade', `candidate ${candidate}`);
  const ids = appealIds(exam.id, candidate);
  await refuseExisting(repo, ids.commissionId);

  const members = await membersOf(deps, input.members);
  const supervisorId = (await repo.exams.candidates(exam.id)).find(
    (c) => c.number === candidate,
  )?.supervisorId;
  const composition = checkCommissionComposition({
    examKind: exam.kind,
    purpose: 'appeal',
    members,
    candidates: [{ number: candidate, ...(supervisorId === undefined ? {} : { supervisorId }) }],
    ordinaryExaminers: await ordinaryParticipantsOf(deps, ordinary, candidate),
  });
  if (!composition.ok) {
    const [first = { reason: composition.reason }, ...rest] =
      'problems' in composition ? composition.problems : [];
    throw ApiError.listing([first, ...rest]);
  }

  const commission: Commission = {
    id: ids.commissionId,
    examId: exam.id,
    name: input.name ?? `Appeal ${candidate}`,
    purpose: 'appeal',
    members,
    candidates: [candidate],
    split: {},
  };
  const at = deps.clock.now();
  const appeal: Appeal = {
    id: ids.appealId,
    examId: exam.id,
    candidate,
    ordinaryCommissionId: ordinary.id,
    appealCommissionId: commission.id,
    reasons: input.reasons,
    registeredAt: at.toISOString(),
    status: 'grading',
  };
  const auto = await autoPointsOf(writer, ordinary.id, candidate);
  await repo.commissions.put(commission);
  await writeRegradingCommission(writer, commission, auto);
  await repo.appeals.put(appeal);
  await writeAppealRecord(writer, appeal);
  await repo.audit.append({
    at,
    actorId: actor.userId,
    action: 'appeal',
    examId: exam.id,
    commissionId: commission.id,
    candidate,
    detail: {
      step: 'registered',
      appealId: appeal.id,
      ordinaryCommissionId: ordinary.id,
      ordinaryGrade: before.final,
      members: members.map((m) => ({ userId: m.userId, affiliation: m.affiliation })),
    },
  });
  await refreshProgress(deps, exam.id, [commission.id]);
  return { appeal, commission };
};
