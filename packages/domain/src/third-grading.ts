import type { Policies } from './exam.ts';
import { gradingMembers, ordinaryExaminer } from './examiner-roles.ts';
import { gradeSteps } from './grade-order.ts';
import type { UserId } from './ids.ts';
import type { Member } from './people.ts';
import { ok, type Result, refuse } from './result.ts';
import type { Grade } from './scale.ts';

/** A difference of this many steps between the ordinary and the appeal grade is significant (R10). */
export const significantSteps = 2;

/** R10: whether the appeal grade differs from the ordinary one so much that a third grading is opened. */
export const thirdGradingNeeded = (
  ordinary: Grade,
  appeal: Grade,
): Result<{ needed: boolean; steps: number }> => {
  const steps = gradeSteps(ordinary, appeal);
  return steps.ok ? ok({ needed: steps.steps >= significantSteps, steps: steps.steps }) : steps;
};

export type ThirdGradingInput = {
  policy: Policies['thirdGradingCommission'];
  ordinaryMembers: readonly Member[];
  appealMembers: readonly Member[];
  /** Who the second examiner of the ordinary commission was, when not clear from affiliation. */
  secondExaminerId?: UserId;
};

const internals = (members: readonly Member[]) =>
  gradingMembers(members).filter((m) => m.affiliation === 'internal');

/**
 * R10: the commission of a third grading.
 * - `nhh`: the internal examiners of the ordinary and of the appeal commission;
 * - `uio`: the ordinary examiner and one appeal examiner, at least one of them external. When the ordinary
 *   examiner is internal an external appeal examiner is taken; otherwise the first appeal examiner.
 * Refused when the commissions cannot provide it.
 */
export const thirdGradingCommission = (input: ThirdGradingInput): Result<{ members: Member[] }> => {
  switch (input.policy) {
    case 'nhh': {
      const fromOrdinary = internals(input.ordinaryMembers);
      const fromAppeal = internals(input.appealMembers);
      if (fromOrdinary.length === 0) return refuse('noInternal', 'ordinary commission');
      if (fromAppeal.length === 0) return refuse('noInternal', 'appeal commission');
      return ok({ members: [...fromOrdinary, ...fromAppeal] });
    }
    case 'uio': {
      const ordinary = ordinaryExaminer(input.ordinaryMembers, input.secondExaminerId);
      if (!ordinary.ok) return ordinary;
      const appeal = gradingMembers(input.appealMembers);
      const pick =
        ordinary.member.affiliation === 'external'
          ? appeal[0]
          : appeal.find((m) => m.affiliation === 'external');
      if (pick === undefined)
        return appeal.length === 0 ? refuse('tooFewExaminers', 'appeal commission') : refuse('noExternal');
      return ok({ members: [ordinary.member, pick] });
    }
  }
};
