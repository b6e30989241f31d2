import type { Policies, Question } from './exam.ts';
import { gradingMembers } from './examiner-roles.ts';
import type { QuestionId, UserId } from './ids.ts';
import type { Member } from './people.ts';
import type { Reason } from './reasons.ts';
import type { Confirmation, Marks } from './records.ts';
import { ok, type Refused, type Result } from './result.ts';
import type { Grade } from './scale.ts';
import type { Decider } from './who-decides.ts';

/** Everything that stands between the commission and its final grade, so the UI can name each blocker. */
export type ConfirmationBlockers = {
  /** R11 `noGrade`: no grade at all while cheating is suspected. */
  cheatingHold: boolean;
  /** R5 collaborative: grading members who have not confirmed yet. */
  unconfirmed: UserId[];
  /** Confirmed grades, when they are not all the same (R7 decides). */
  disagreeing: Array<{ userId: UserId; grade: Grade }>;
  /** R5 `alignMarks`: questions where the examiners' points are not the same (or missing for someone). */
  differingQuestions: QuestionId[];
};

export type ConfirmationInput = {
  policies: Pick<Policies, 'marksMode' | 'confirmation' | 'alignMarks' | 'cheatingPolicy'>;
  questions: readonly Pick<Question, 'id'>[];
  members: readonly Member[];
  confirmations: readonly Pick<Confirmation, 'userId' | 'grade'>[];
  /** Individual mode: each examiner's own points for the candidate, for `alignMarks`. */
  individualMarks?: ReadonlyMap<UserId, Marks>;
  /** Whether the candidate is flagged for suspected cheating (R11). */
  cheatingSuspected: boolean;
  /** R7: who settles a disagreement (`whoDecides`); once they have confirmed, their grade is the commission's. */
  decider?: Decider;
  /**
   * R8: grading members this candidate's grade does not wait for (`excusedBySample`: second examiners,
   * for a paper outside their sample). One who confirmed anyway counts like any other examiner.
   */
  excused?: readonly UserId[];
};

export type ConfirmationRefused = Refused & { blockers: ConfirmationBlockers };

const differingQuestions = (input: ConfirmationInput, examiners: readonly Member[]): QuestionId[] => {
  if (!input.policies.alignMarks || input.policies.marksMode !== 'individual') return [];
  const marksOf = (userId: UserId) => input.individualMarks?.get(userId) ?? {};
  return input.questions
    .map((q) => q.id)
    .filter((id) => {
      const points = examiners.map((m) => marksOf(m.userId)[id]);
      return points.some((p) => p === undefined || p !== points[0]);
    });
};

/** The decider's confirmed grade, when R7 lets one person settle the disagreement and they have confirmed. */
const decidedGrade = (input: ConfirmationInput) => {
  const decider = input.decider;
  if (decider === undefined || decider.by === 'agreement' || decider.userId === null) return undefined;
  return input.confirmations.find((c) => c.userId === decider.userId);
};

/**
 * R5: whether the commission's final grade for a candidate may be confirmed, and which grade it is.
 * Collaborative: every grading member has confirmed the same grade. Quick: one confirmation suffices
 * (more must agree). With `alignMarks` in individual mode every question must carry the same points from
 * every examiner. Under the `noGrade` cheating policy a suspicion blocks any grade (R11). When the
 * examiners have confirmed different grades, the R7 decider's confirmed grade settles it (`decidedBy`);
 * where the examiners must agree among themselves, nothing does. A second examiner the paper is outside
 * the sample of (R8, `excused`) is not waited for.
 */
export const mayConfirmFinalGrade = (
  input: ConfirmationInput,
): Result<{ grade: Grade; confirmedBy: UserId[]; decidedBy?: UserId }> | ConfirmationRefused => {
  const examiners = gradingMembers(input.members);
  const examinerIds = new Set(examiners.map((m) => m.userId));
  const confirmations = input.confirmations.filter((c) => examinerIds.has(c.userId));
  const confirmedIds = new Set(confirmations.map((c) => c.userId));
  const grades = new Set(confirmations.map((c) => c.grade));
  const excused = new Set(input.excused ?? []);
  const required = examiners.filter((m) => !excused.has(m.userId) || confirmedIds.has(m.userId));

  const blockers: ConfirmationBlockers = {
    cheatingHold: input.cheatingSuspected && input.policies.cheatingPolicy === 'noGrade',
    unconfirmed:
      input.policies.confirmation === 'collaborative' || confirmations.length === 0
        ? required.filter((m) => !confirmedIds.has(m.userId)).map((m) => m.userId)
        : [],
    disagreeing: grades.size > 1 ? confirmations.map((c) => ({ userId: c.userId, grade: c.grade })) : [],
    differingQuestions: differingQuestions(input, required),
  };

  const blocked = (reason: Reason): ConfirmationRefused => ({ ok: false, reason, blockers });
  if (blockers.cheatingHold) return blocked('cheatingHold');
  if (blockers.differingQuestions.length > 0) return blocked('marksDoNotAlign');
  if (blockers.disagreeing.length > 0) {
    const decided = decidedGrade(input);
    if (decided === undefined || blockers.unconfirmed.length > 0) return blocked('gradesDisagree');
    return ok({
      grade: decided.grade,
      confirmedBy: confirmations.map((c) => c.userId),
      decidedBy: decided.userId,
    });
  }
  const [grade] = grades;
  if (blockers.unconfirmed.length > 0 || grade === undefined) return blocked('awaitingConfirmations');
  return ok({ grade, confirmedBy: confirmations.map((c) => c.userId) });
};
