import {
  autoScore,
  type CandidateNumber,
  type Commission,
  candidateKey,
  choicesOf,
  docName,
  type Exam,
  type Marks,
  markKey,
  rootMap,
} from '@cograde/domain';
import type * as Y from 'yjs';
import type { DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/** What a candidate enters a commission document with: attendance (R13) and auto scores (R18). */
export type CandidateSetup = { attended: boolean; auto: Marks };

export const commissionDocName = (commissionId: string) => docName({ kind: 'commission', commissionId });

/**
 * Writes a commission document's server-held basics: the info (name, members, split), one entry per
 * candidate with attendance and auto points, then whatever `more` adds. The demo seed writes its
 * commissions with it, and so does forming or changing a commission. A candidate already in the
 * document keeps its state (attendance, disqualifications R16); one no longer in the commission loses
 * its entry and auto points (callers refuse that when the candidate has work, `workOf`).
 */
export const writeCommissionDoc = (
  writer: DocWriter,
  commission: Commission,
  setupOf: (candidate: CandidateNumber) => CandidateSetup,
  more: (doc: Y.Doc) => void = () => {},
) =>
  writer.transact(commissionDocName(commission.id), (doc) => {
    const { candidates: numbers, ...info } = commission;
    rootMap(doc, 'commission', 'info').set('commission', info);
    const candidates = rootMap(doc, 'commission', 'candidates');
    const auto = rootMap(doc, 'commission', 'auto');
    const keep = new Set(numbers.map(candidateKey));
    for (const key of [...candidates.keys()]) {
      if (keep.has(key)) continue;
      candidates.delete(key);
      for (const autoKey of [...auto.keys()]) if (autoKey.startsWith(`${key}:`)) auto.delete(autoKey);
    }
    for (const candidate of numbers) {
      if (candidates.has(candidateKey(candidate))) continue;
      const setup = setupOf(candidate);
      candidates.set(candidateKey(candidate), { attended: setup.attended, disqualified: [] });
      for (const [q, points] of Object.entries(setup.auto)) auto.set(markKey(candidate, q), points);
    }
    more(doc);
  });

/** Attendance from the candidate records and auto points from the stored answers and the answer keys. */
export const candidateSetups = async (
  repo: Repository,
  exam: Exam,
  numbers: readonly CandidateNumber[],
): Promise<Map<CandidateNumber, CandidateSetup>> => {
  const attended = new Map((await repo.exams.candidates(exam.id)).map((c) => [c.number, c.attended]));
  const autoQuestions = exam.questions.filter((q) => q.scoring === 'auto');
  const out = new Map<CandidateNumber, CandidateSetup>();
  for (const number of numbers) {
    const auto: Marks = {};
    if (autoQuestions.length > 0) {
      const answers = await repo.exams.answers(exam.id, number);
      for (const q of autoQuestions) {
        const answer = answers.find((a) => a.questionId === q.id);
        if (answer === undefined) continue;
        const scored = autoScore(choicesOf(answer.text), q);
        if (scored.ok) auto[q.id] = scored.points;
      }
    }
    out.set(number, { attended: attended.get(number) ?? true, auto });
  }
  return out;
};

/**
 * What a commission has done, per candidate: marks, texts, confirmations, a grade, an import or a hold.
 * A candidate listed here cannot leave the commission. One pass over each root, so large commissions stay cheap.
 */
export const workOf = (doc: Y.Doc): Map<CandidateNumber, string[]> => {
  const work = new Map<CandidateNumber, string[]>();
  const note = (candidate: string, what: string) => {
    const list = work.get(candidate) ?? [];
    if (!list.includes(what)) work.set(candidate, [...list, what]);
  };
  const roots = [
    ['marks', 'marks'],
    ['texts', 'texts'],
    ['confirmations', 'confirmations'],
    ['finals', 'final'],
    ['imports', 'imported'],
    ['holds', 'hold'],
  ] as const;
  for (const [root, what] of roots) {
    for (const [key, value] of doc.getMap(root).entries()) {
      if (root === 'texts' && value === '') continue;
      note(key.split(':')[0] ?? key, what);
    }
  }
  return work;
};
