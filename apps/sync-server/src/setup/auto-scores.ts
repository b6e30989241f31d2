import { type Exam, markKey, rootMap } from '@cograde/domain';
import { candidateSetups, commissionDocName } from '../commissions/commission-doc.ts';
import type { SetupOptions } from './setup-options.ts';

/**
 * R18: after answers or answer keys change during setup, the auto points of every candidate already in a
 * commission document are scored again from the stored answers. Before grading there are no overrides,
 * so the auto points are simply replaced.
 */
export const refreshAutoScores = async (opts: Pick<SetupOptions, 'repo' | 'writer'>, exam: Exam) => {
  const autoIds = new Set(exam.questions.filter((q) => q.scoring === 'auto').map((q) => q.id));
  for (const commission of await opts.repo.commissions.ofExam(exam.id)) {
    const setups = await candidateSetups(opts.repo, exam, commission.candidates);
    await opts.writer.transact(commissionDocName(commission.id), (doc) => {
      const auto = rootMap(doc, 'commission', 'auto');
      for (const candidate of commission.candidates) {
        for (const key of [...auto.keys()]) {
          const [number, questionId = ''] = key.split(':');
          if (number === candidate && !autoIds.has(questionId)) auto.delete(key);
        }
        for (const [q, points] of Object.entries(setups.get(candidate)?.auto ?? {})) {
          if (auto.get(markKey(candidate, q)) !== points) auto.set(markKey(candidate, q), points);
        }
      }
    });
  }
};
