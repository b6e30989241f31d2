import {
  type CandidateNumber,
  type Commission,
  candidateKey,
  commissionDoc,
  docName,
  type Grade,
  rootMap,
} from '@cograde/domain';
import type * as Y from 'yjs';
import type { DocWriter } from '../ports.ts';

const commissionName = (commissionId: string) => docName({ kind: 'commission', commissionId });

/**
 * The auto points (R18) of a candidate: computed from the answer and the answer key, so a re-grading
 * commission may have them (R9: the answer and the exam paper). Never the examiners' marks.
 */
export const autoPointsOf = (writer: DocWriter, commissionId: string, candidate: CandidateNumber) =>
  writer.read(commissionName(commissionId), (doc) =>
    [...rootMap(doc, 'commission', 'auto').entries()].filter(([key]) => key.startsWith(`${candidate}:`)),
  );

/**
 * Writes a new re-grading commission document: its info (its own members only), the one candidate, the
 * auto points, and whatever `more` adds (the third grading's context). Nothing of the ordinary grading.
 */
export const writeRegradingCommission = (
  writer: DocWriter,
  commission: Commission,
  auto: ReadonlyArray<[string, unknown]>,
  more: (doc: Y.Doc) => void = () => {},
) =>
  writer.transact(commissionName(commission.id), (doc) => {
    const { candidates, ...info } = commission;
    rootMap(doc, 'commission', 'info').set('commission', info);
    const states = rootMap(doc, 'commission', 'candidates');
    for (const candidate of candidates)
      states.set(candidateKey(candidate), { attended: true, disqualified: [] });
    const autoMap = rootMap(doc, 'commission', 'auto');
    for (const [key, points] of auto) autoMap.set(key, points);
    more(doc);
  });

export type CandidateOutcome = { final?: Grade; explanation: string; confirmedBy: string[] };

/** A commission's registered grade, explanation and confirmers for one candidate. */
export const outcomeOf = (
  writer: DocWriter,
  commissionId: string,
  candidate: CandidateNumber,
): Promise<CandidateOutcome> =>
  writer.read(commissionName(commissionId), (raw) => {
    const doc = commissionDoc(raw);
    const final = doc.final(candidate);
    return {
      ...(final === undefined ? {} : { final: final.grade }),
      explanation: doc.text(candidate, 'explanation'),
      confirmedBy: doc.confirmations(candidate).map((c) => c.userId),
    };
  });
