import { parseDocName } from '@cograde/domain';
import type { Clock, DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';
import { refreshProgress } from './index.ts';

/**
 * Recounts a commission's progress shortly after its examiners' edits are stored, so coordinators'
 * dashboards follow typing too, not only server actions. Edits within `delayMs` share one recount.
 */
export const createProgressRecount = (
  deps: {
    repo: Repository;
    writer: DocWriter;
    clock: Clock;
    log?: (message: string, error?: unknown) => void;
  },
  delayMs = 1000,
) => {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const recount = async (commissionId: string) => {
    const commission = await deps.repo.commissions.byId(commissionId);
    if (commission === null) return;
    await refreshProgress(deps, commission.examId, [commissionId]);
  };
  return {
    edited(docName: string) {
      const ref = parseDocName(docName);
      if (ref?.kind !== 'commission' || pending.has(ref.commissionId)) return;
      const timer = setTimeout(() => {
        pending.delete(ref.commissionId);
        recount(ref.commissionId).catch((error: unknown) =>
          (deps.log ?? console.error)(`progress recount of ${ref.commissionId} failed`, error),
        );
      }, delayMs);
      timer.unref();
      pending.set(ref.commissionId, timer);
    },
    stop() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
};
