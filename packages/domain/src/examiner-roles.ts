import type { UserId } from './ids.ts';
import type { Member } from './people.ts';
import { ok, type Result, refuse } from './result.ts';

/** The members who grade; the extra examiner (oppmann) is only called in on disagreement (R7). */
export const gradingMembers = (members: readonly Member[]): Member[] => members.filter((m) => !m.extra);

export const extraExaminer = (members: readonly Member[]): Member | undefined => members.find((m) => m.extra);

/**
 * The ordinary examiner of an ordinary commission, beside the second examiner (medsensor). The
 * commission does not record the roles, so: everyone but the named second examiner; without a name, the
 * only grading member or else the only internal one (the course's own examiner). Anything else is unclear.
 */
export const ordinaryExaminer = (
  members: readonly Member[],
  secondExaminerId?: UserId,
): Result<{ member: Member }> => {
  const grading = gradingMembers(members);
  const candidates =
    secondExaminerId !== undefined
      ? grading.filter((m) => m.userId !== secondExaminerId)
      : grading.length === 1
        ? grading
        : grading.filter((m) => m.affiliation === 'internal');
  const [member, ...others] = candidates;
  if (member === undefined || others.length > 0) {
    return refuse('ordinaryExaminerUnclear', grading.map((m) => m.userId).join(', '));
  }
  return ok({ member });
};
