import { parseDocName } from '@cograde/domain';
import type { Clock, DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';
import { refreshProgress } from './index.ts';
import { perKeyDebounce } from './per-key-debounce.ts';

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
  const recount = async (commissionId: string) => {
    const commission = await deps.repo.commissions.byId(commissionId);
    if (commission === null) return;
    await refreshProgress(deps, commission.examId, [commissionId]);
  };
  const debounce = perKeyDebounce(delayMs, recount, (commissionId, error) =>
    (deps.log ?? console.error)(`progress recount of ${commissionId} failed`, error),
  );
  return {
    edited(docName: string) {
      const ref = parseDocName(docName);
      if (ref?.kind === 'commission') debounce.schedule(ref.commissionId);
    },
    stop: debounce.stop,
  };
};
