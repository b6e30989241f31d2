import { parseDocName } from '@cograde/domain';
import type { Clock, DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';
import { refreshProgress } from './index.ts';

/**
 * Recounts a commission's progress shortly after its examiners' edits are stored, so coordinators'
 * dashboards follow typing too, not only server actions. Edits within `delayMs` of the first share one
 * recount, and the commissions of one exam due together are recounted together: one read of the exam
 * and one write of its progress document, whatever the number of commissions being graded.
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
  const log = deps.log ?? console.error;
  /** Documents edited since the last recount (a set: an edit costs one lookup). */
  let edited = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const recount = async (docNames: Iterable<string>) => {
    const byExam = new Map<string, string[]>();
    for (const name of docNames) {
      const ref = parseDocName(name);
      if (ref?.kind !== 'commission') continue;
      const commission = await deps.repo.commissions.byId(ref.commissionId);
      if (commission === null) continue;
      byExam.set(commission.examId, [...(byExam.get(commission.examId) ?? []), commission.id]);
    }
    for (const [examId, ids] of byExam) {
      try {
        await refreshProgress(deps, examId, ids);
      } catch (error) {
        log(`progress recount of ${ids.join(', ')} failed`, error);
      }
    }
  };

  return {
    edited(docName: string) {
      if (!docName.startsWith('commission:') || edited.has(docName)) return;
      edited.add(docName);
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        const due = edited;
        edited = new Set();
        recount(due).catch((error: unknown) => log('progress recount failed', error));
      }, delayMs);
      timer.unref();
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      edited.clear();
    },
  };
};
