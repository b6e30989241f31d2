import type { Grade } from '@cograde/domain';
import type { Repository } from '../storage/repository.ts';
import { appealId, inf1010Id } from './demo-exams.ts';

/** R21: the registrations, confirmations, flag and appeal the demo shows as done are in the log. */
export const auditDemo = async (
  repo: Repository,
  now: Date,
  registered: ReadonlyArray<readonly [string, Grade]>,
  flagged: string,
) => {
  for (const [i, [candidate, grade]] of registered.entries()) {
    const at = new Date(now.getTime() - (30 - i) * 3_600_000);
    for (const actorId of ['examiner1', 'examiner2']) {
      await repo.audit.append({
        at,
        actorId,
        action: 'confirm',
        examId: inf1010Id,
        commissionId: 'K1',
        candidate,
        detail: { grade },
      });
    }
    await repo.audit.append({
      at,
      actorId: 'examiner1',
      action: 'register',
      examId: inf1010Id,
      commissionId: 'K1',
      candidate,
      detail: { grade },
    });
  }
  await repo.audit.append({
    at: new Date(now.getTime() - 20 * 3_600_000),
    actorId: 'examiner2',
    action: 'flag',
    examId: inf1010Id,
    commissionId: 'K1',
    candidate: flagged,
    detail: { kind: 'cheating', reason: 'Large parts of Q7 match another candidate’s answer word for word.' },
  });
  await repo.audit.append({
    at: new Date(now.getTime() - 6 * 3_600_000),
    actorId: 'coordinator',
    action: 'appeal',
    examId: inf1010Id,
    commissionId: 'A1',
    candidate: '103',
    detail: { appealId, ordinaryCommissionId: 'K1' },
  });
};
