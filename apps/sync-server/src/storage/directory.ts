import type { Actor, DocRef, Grant, Resource } from '@cograde/domain';
import { unexpectedCase } from '@cograde/domain';
import type { AccessDirectory } from '../ports.ts';
import type { Repository } from './repository.ts';

/**
 * Who a user is to `can()` (their exam grants and commission memberships) and which resource a document
 * stands for. A document that does not exist maps to `null`: a private document exists only for a member
 * of its commission.
 */
export const createDirectory = (repo: Repository): AccessDirectory => ({
  async actorOf(userId) {
    const user = await repo.users.byId(userId);
    if (user === null) return null;
    const [examGrants, memberships] = await Promise.all([
      repo.exams.grantsOf(userId),
      repo.commissions.membershipsOf(userId),
    ]);
    const grants: Grant[] = [
      ...examGrants.map((g): Grant => ({ role: g.role, examId: g.examId })),
      ...memberships.map(
        (m): Grant => ({
          role: 'examiner',
          examId: m.examId,
          commissionId: m.commissionId,
          purpose: m.purpose,
        }),
      ),
    ];
    return { userId, grants } satisfies Actor;
  },

  async resourceOf(ref: DocRef): Promise<Resource | null> {
    switch (ref.kind) {
      case 'exam':
      case 'progress':
        return (await repo.exams.byId(ref.examId)) === null ? null : { kind: ref.kind, examId: ref.examId };
      case 'commission': {
        const commission = await repo.commissions.byId(ref.commissionId);
        return commission === null
          ? null
          : { kind: 'commission', examId: commission.examId, commissionId: commission.id };
      }
      case 'private': {
        const commission = await repo.commissions.byId(ref.commissionId);
        if (commission === null || !commission.members.some((m) => m.userId === ref.userId)) return null;
        return {
          kind: 'private',
          examId: commission.examId,
          commissionId: commission.id,
          ownerId: ref.userId,
        };
      }
      case 'appeal': {
        const appeal = await repo.appeals.byId(ref.appealId);
        if (appeal === null) return null;
        // The ordinary commission is deliberately absent: the appeal is graded blind (R9).
        const commissionIds = [appeal.appealCommissionId, appeal.thirdCommissionId].filter(
          (id): id is string => id !== undefined,
        );
        return { kind: 'appeal', examId: appeal.examId, appealId: appeal.id, commissionIds };
      }
      default:
        return unexpectedCase(ref);
    }
  },
});
