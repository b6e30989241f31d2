import { type CommissionProgress, docName, parseDocName, rootMap } from '@cograde/domain';
import type { DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';
import { perKeyDebounce } from './per-key-debounce.ts';

/**
 * Writes who is online in each commission into `progress:<examId>`, from the presence the sync service
 * holds for the commission documents (R14 dashboard). Supervisors may not open commission documents
 * (R2, R9), so this is the only way they learn who is grading. Only the commission's members are
 * listed: a coordinator looking at the grading screen is not "grading".
 */
export const createProgressOnline = (
  deps: { repo: Repository; writer: DocWriter; log?: (message: string, error?: unknown) => void },
  delayMs = 300,
) => {
  const latest = new Map<string, readonly string[]>();
  const write = async (commissionId: string, present: readonly string[]) => {
    const commission = await deps.repo.commissions.byId(commissionId);
    if (commission === null) return;
    const members = new Set(commission.members.map((m) => m.userId));
    const online = [...new Set(present)].filter((id) => members.has(id)).sort();
    await deps.writer.transact(docName({ kind: 'progress', examId: commission.examId }), (doc) => {
      const map = rootMap(doc, 'progress', 'commissions');
      const entry = map.get(commissionId) as CommissionProgress | undefined;
      // Before the first recount there is no entry to annotate; the recount keeps what is written later.
      if (entry === undefined || JSON.stringify(entry.online) === JSON.stringify(online)) return;
      map.set(commissionId, { ...entry, online });
    });
  };

  const debounce = perKeyDebounce(
    delayMs,
    (commissionId) => {
      const present = latest.get(commissionId) ?? [];
      latest.delete(commissionId);
      return write(commissionId, present);
    },
    (commissionId, error) => (deps.log ?? console.error)(`online list of ${commissionId} failed`, error),
  );

  return {
    /** The users present in a document changed; `userIds` is everyone present there now. */
    present(name: string, userIds: readonly string[]) {
      const ref = parseDocName(name);
      if (ref?.kind !== 'commission') return;
      latest.set(ref.commissionId, userIds);
      debounce.schedule(ref.commissionId);
    },
    stop: debounce.stop,
  };
};
