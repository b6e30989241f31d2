import type { ExamKind } from './exam.ts';
import { extraExaminer, gradingMembers, ordinaryExaminer } from './examiner-roles.ts';
import type { UserId } from './ids.ts';
import type { CommissionPurpose, Member } from './people.ts';
import { ok, type Result, refuse } from './result.ts';

/**
 * Who settles a disagreement on the grade (R7):
 * - `examiner`: one examiner decides;
 * - `agreement`: the examiners must agree between themselves, nobody else is involved;
 * - `extraExaminer`: an extra examiner (oppmann) decides, after first mediating when `mediatesFirst`;
 *   `userId` is null until one is appointed to the commission.
 */
export type Decider =
  | { by: 'examiner'; userId: UserId }
  | { by: 'agreement'; userIds: UserId[] }
  | { by: 'extraExaminer'; mediatesFirst: boolean; userId: UserId | null };

export type WhoDecidesInput = {
  examKind: ExamKind;
  purpose: CommissionPurpose;
  members: readonly Member[];
  /** In an ordinary commission with a second examiner (medsensor): who that is, when not clear from affiliation. */
  secondExaminerId?: UserId;
};

const extra = (members: readonly Member[], mediatesFirst: boolean): Decider => ({
  by: 'extraExaminer',
  mediatesFirst,
  userId: extraExaminer(members)?.userId ?? null,
});

/**
 * Re-grading (appeal, and the third grading that follows one): with one internal and one external examiner
 * the external decides; among externals only an extra examiner can. A third grading of internals alone
 * (possible under the NHH policy) has no external to defer to either, so it takes an extra examiner too.
 */
const regrading = (purpose: 'appeal' | 'third', members: readonly Member[]): Result<{ decider: Decider }> => {
  const grading = gradingMembers(members);
  if (grading.length < 2) return refuse('tooFewExaminers', `${grading.length} examiner(s)`);
  const externals = grading.filter((m) => m.affiliation === 'external');
  if (purpose === 'appeal' && externals.length === 0) return refuse('noExternal');
  const [external, ...moreExternals] = externals;
  if (external !== undefined && moreExternals.length === 0 && grading.length === 2) {
    return ok({ decider: { by: 'examiner', userId: external.userId } });
  }
  return ok({ decider: extra(members, false) });
};

/** R7: who decides when the examiners of a commission disagree on a grade. */
export const whoDecides = (input: WhoDecidesInput): Result<{ decider: Decider }> => {
  const { examKind, purpose, members } = input;
  if (purpose === 'appeal' || purpose === 'third') return regrading(purpose, members);
  const grading = gradingMembers(members);
  if (examKind === 'oral') {
    if (grading.length < 2) return refuse('tooFewExaminers', `${grading.length} examiner(s)`);
    return ok({ decider: { by: 'agreement', userIds: grading.map((m) => m.userId) } });
  }
  if (examKind === 'mastersThesis') return ok({ decider: extra(members, true) });
  const ordinary = ordinaryExaminer(members, input.secondExaminerId);
  return ordinary.ok ? ok({ decider: { by: 'examiner', userId: ordinary.member.userId } }) : ordinary;
};
