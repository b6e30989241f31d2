import type { CandidateNumber, UserId } from './ids.ts';
import type { Member } from './people.ts';
import { ok, type Result } from './result.ts';
import type { Grade } from './scale.ts';
import { thirdGradingNeeded } from './third-grading.ts';

/**
 * What follows once a re-grading commission has registered its grade (R10):
 * - after the appeal commission: a third grading when the appeal grade is two or more steps from the
 *   ordinary grade, otherwise the appeal grade is final;
 * - after the third grading: its grade is final.
 */
export type AppealStep =
  | { step: 'final'; grade: Grade; source: 'appeal' | 'third' }
  | { step: 'thirdGrading'; steps: number };

export const nextAppealStep = (
  input: { after: 'appeal'; ordinary: Grade; appeal: Grade } | { after: 'third'; third: Grade },
): Result<{ next: AppealStep }> => {
  if (input.after === 'third') return ok({ next: { step: 'final', grade: input.third, source: 'third' } });
  const needed = thirdGradingNeeded(input.ordinary, input.appeal);
  if (!needed.ok) return needed;
  return ok({
    next: needed.needed
      ? { step: 'thirdGrading', steps: needed.steps }
      : { step: 'final', grade: input.appeal, source: 'appeal' },
  });
};

/**
 * R9: who took part in the ordinary grading of a candidate, for the appeal commission's composition check:
 * the ordinary commission's members (extra examiner included) and anyone who confirmed or registered a
 * grade for the candidate there (a member replaced since still took part).
 */
export const ordinaryParticipants = (
  candidate: CandidateNumber,
  members: readonly Member[],
  actedFor: readonly UserId[],
): ReadonlyMap<CandidateNumber, readonly UserId[]> =>
  new Map([[candidate, [...new Set([...members.map((m) => m.userId), ...actedFor])]]]);
