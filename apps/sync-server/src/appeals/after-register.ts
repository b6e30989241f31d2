import {
  type Actor,
  type Appeal,
  type CandidateNumber,
  type Commission,
  candidateKey,
  checkCommissionComposition,
  contextKey,
  docName,
  type Exam,
  type Grade,
  type Member,
  nextAppealStep,
  rootMap,
  thirdGradingCommission,
} from '@cograde/domain';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/router.ts';
import { refreshProgress } from '../progress/index.ts';
import { autoPointsOf, outcomeOf, writeRegradingCommission } from './commission-docs.ts';
import { type AppealDeps, appealIds, refuseExisting, writeAppealRecord } from './register-appeal.ts';

/**
 * What happens when an appeal or third-grading commission registers its grade (R10): the appeal grade
 * either becomes the final grade, or, two or more steps from the ordinary grade, opens a third grading
 * before any final grade is set; the third grading's grade is final.
 *
 * "The final grade after appeal" is written into the ordinary commission's `finals` for the candidate,
 * with `source` 'appeal' or 'third' (so exports and progress read one place); the ordinary grade it
 * replaces stays in the audit log, and every step's grades are in the `appeal` audit events that the
 * statistics read (R19, R21).
 */
export const afterRegradingRegistered = async (
  deps: AppealDeps,
  actor: Actor,
  commission: Commission,
  candidate: CandidateNumber,
): Promise<void> => {
  if (commission.purpose === 'ordinary') return;
  const { repo, writer } = deps;
  const appeal = (await repo.appeals.ofExam(commission.examId)).find(
    (a) =>
      a.candidate === candidate &&
      (commission.purpose === 'appeal'
        ? a.appealCommissionId === commission.id
        : a.thirdCommissionId === commission.id),
  );
  const exam = await repo.exams.byId(commission.examId);
  if (appeal === undefined || exam === null) return;
  const ordinaryGrade = await ordinaryGradeOf(deps, appeal);
  const own = await outcomeOf(writer, commission.id, candidate);
  if (ordinaryGrade === undefined || own.final === undefined) return;

  if (commission.purpose === 'third') {
    const appealGrade = await gradeOf(deps, appeal.appealCommissionId, candidate);
    await settle(deps, actor, exam, appeal, { ordinaryGrade, appealGrade, thirdGrade: own.final });
    return;
  }
  const step = nextAppealStep({ after: 'appeal', ordinary: ordinaryGrade, appeal: own.final });
  if (!step.ok) throw new Error(`appeal ${appeal.id}: ${step.reason}`);
  if (step.next.step === 'final') {
    await settle(deps, actor, exam, appeal, { ordinaryGrade, appealGrade: own.final });
    return;
  }
  await openThirdGrading(deps, actor, exam, appeal, commission, {
    ordinaryGrade,
    appealGrade: own.final,
    steps: step.next.steps,
    appealExplanation: own.explanation,
  });
};

/** The ordinary grade the appeal is against: as first recorded by the appeal flow, else the ordinary final. */
export const ordinaryGradeOf = async (deps: AppealDeps, appeal: Appeal): Promise<Grade | undefined> => {
  const recorded = (await deps.repo.audit.ofExam(appeal.examId)).find(
    (e) =>
      (e.action === 'appeal' || e.action === 'thirdGrading') &&
      e.detail.appealId === appeal.id &&
      typeof e.detail.ordinaryGrade === 'string',
  );
  if (recorded !== undefined) return recorded.detail.ordinaryGrade as Grade;
  return (await outcomeOf(deps.writer, appeal.ordinaryCommissionId, appeal.candidate)).final;
};

const gradeOf = async (deps: AppealDeps, commissionId: string | undefined, candidate: CandidateNumber) =>
  commissionId === undefined ? undefined : (await outcomeOf(deps.writer, commissionId, candidate)).final;

const settle = async (
  deps: AppealDeps,
  actor: Actor,
  exam: Exam,
  appeal: Appeal,
  grades: { ordinaryGrade: Grade; appealGrade: Grade | undefined; thirdGrade?: Grade },
) => {
  const finalGrade = grades.thirdGrade ?? grades.appealGrade;
  if (finalGrade === undefined) return;
  const source = grades.thirdGrade === undefined ? ('appeal' as const) : ('third' as const);
  const at = deps.clock.now();
  await deps.writer.transact(
    docName({ kind: 'commission', commissionId: appeal.ordinaryCommissionId }),
    (doc) => {
      rootMap(doc, 'commission', 'finals').set(candidateKey(appeal.candidate), {
        grade: finalGrade,
        registeredBy: actor.userId,
        registeredAt: at.toISOString(),
        source,
      });
    },
  );
  // The log first: the appeal list reads each step's grades from it, so a new status never shows without them.
  await deps.repo.audit.append({
    at,
    actorId: actor.userId,
    action: 'appeal',
    examId: exam.id,
    commissionId: appeal.ordinaryCommissionId,
    candidate: appeal.candidate,
    detail: { step: 'decided', appealId: appeal.id, ...grades, finalGrade, source },
  });
  const decided: Appeal = { ...appeal, status: 'decided' };
  await deps.repo.appeals.put(decided);
  await writeAppealRecord(deps.writer, decided);
  await refreshProgress(deps, exam.id);
};

const openThirdGrading = async (
  deps: AppealDeps,
  actor: Actor,
  exam: Exam,
  appeal: Appeal,
  appealCommission: Commission,
  facts: { ordinaryGrade: Grade; appealGrade: Grade; steps: number; appealExplanation: string },
) => {
  const { repo } = deps;
  const at = deps.clock.now();
  const ordinary = await repo.commissions.byId(appeal.ordinaryCommissionId);
  const formed =
    ordinary === null
      ? ({ ok: false, reason: 'unknownCandidate' } as const)
      : thirdGradingCommission({
          policy: exam.policies.thirdGradingCommission,
          ordinaryMembers: ordinary.members,
          appealMembers: appealCommission.members,
        });
  const base = { appealId: appeal.id, ordinaryGrade: facts.ordinaryGrade, appealGrade: facts.appealGrade };
  const composition = formed.ok
    ? checkCommissionComposition({
        examKind: exam.kind,
        purpose: 'third',
        members: formed.members,
        candidates: [{ number: appeal.candidate }],
      })
    : formed;
  const taken = await repo.commissions.byId(appealIds(exam.id, appeal.candidate).thirdCommissionId);
  const refused = !formed.ok
    ? formed.reason
    : !composition.ok
      ? composition.reason
      : taken !== null
        ? ('commissionExists' as const)
        : undefined;
  if (ordinary === null || !formed.ok || refused !== undefined) {
    // Nothing is final: the coordinator forms the third grading by hand (the refusal is in the log).
    await repo.audit.append({
      at,
      actorId: actor.userId,
      action: 'thirdGrading',
      examId: exam.id,
      candidate: appeal.candidate,
      detail: { ...base, steps: facts.steps, refused: refused ?? 'unknownCandidate' },
    });
    await repo.appeals.put({ ...appeal, status: 'thirdGrading' });
    return;
  }
  await formThirdGrading(deps, actor, exam, appeal, formed.members, {
    ...facts,
    policy: exam.policies.thirdGradingCommission,
  });
};

/**
 * Writes the third grading's commission (R10) for `members`: the one candidate, the auto points, and in
 * `context` both commissions' explanations, nothing else of either grading.
 */
export const formThirdGrading = async (
  deps: AppealDeps,
  actor: Actor,
  exam: Exam,
  appeal: Appeal,
  members: Member[],
  facts: {
    ordinaryGrade: Grade;
    appealGrade: Grade;
    steps: number;
    appealExplanation: string;
    policy: string;
  },
) => {
  const { repo, writer } = deps;
  const at = deps.clock.now();
  const base = { appealId: appeal.id, ordinaryGrade: facts.ordinaryGrade, appealGrade: facts.appealGrade };
  const id = appealIds(exam.id, appeal.candidate).thirdCommissionId;
  await refuseExisting(repo, id);
  const commission: Commission = {
    id,
    examId: exam.id,
    name: `Third grading ${appeal.candidate}`,
    purpose: 'third',
    members,
    candidates: [appeal.candidate],
    split: {},
  };
  const ordinaryExplanation = (await outcomeOf(writer, appeal.ordinaryCommissionId, appeal.candidate))
    .explanation;
  const auto = await autoPointsOf(writer, appeal.ordinaryCommissionId, appeal.candidate);
  await repo.commissions.put(commission);
  // R10: both commissions' explanations, and nothing else of either grading.
  await writeRegradingCommission(writer, commission, auto, (doc) => {
    const context = rootMap(doc, 'commission', 'context');
    context.set(contextKey(appeal.candidate, 'ordinaryExplanation'), ordinaryExplanation);
    context.set(contextKey(appeal.candidate, 'appealExplanation'), facts.appealExplanation);
  });
  await repo.audit.append({
    at,
    actorId: actor.userId,
    action: 'thirdGrading',
    examId: exam.id,
    commissionId: commission.id,
    candidate: appeal.candidate,
    detail: {
      ...base,
      steps: facts.steps,
      policy: facts.policy,
      members: commission.members.map((m) => m.userId),
    },
  });
  const third: Appeal = { ...appeal, thirdCommissionId: commission.id, status: 'thirdGrading' };
  await repo.appeals.put(third);
  await writeAppealRecord(writer, third);
  await refreshProgress(deps, exam.id, [commission.id]);
};

/**
 * Runs after `POST /commissions/:id/candidates/:candidate/register` succeeds: for a re-grading commission
 * it settles the appeal or opens the third grading. The register response itself is left as it is, so the
 * appeal examiners learn nothing of the ordinary grade from it (R9).
 */
export const afterRegisterMiddleware =
  (deps: AppealDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    const commissionId = c.req.param('commissionId');
    const candidate = c.req.param('candidate');
    if (commissionId === undefined || candidate === undefined) return;
    const commission = await deps.repo.commissions.byId(commissionId);
    if (commission === null || commission.purpose === 'ordinary') return;
    await afterRegradingRegistered(deps, c.get('actor'), commission, candidate);
  };
