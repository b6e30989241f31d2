import {
  type AppealRecord,
  appealDoc,
  type CandidateNumber,
  type CommissionInfo,
  type ContextField,
  contextFields,
  contextKey,
  readEntry,
} from '@cograde/domain';
import type { DocEntry } from './catalog.svelte.ts';
import type { CommissionState } from './commission.svelte.ts';
import type { DocRegistry } from './docs.svelte.ts';

/**
 * What an appeal or third-grading commission works from besides the answers (R9, R10): the appeal record
 * (`appeal:<id>`, never the reasons or any grade) and, for a third grading, both commissions'
 * explanations from the commission document's `context` root. Nothing here reads the ordinary
 * commission: its documents are not the appeal examiners' to open.
 */
export const appealRecordFor = (
  registry: DocRegistry,
  entries: readonly DocEntry[],
  info: CommissionInfo | undefined,
  candidates: readonly CandidateNumber[],
): AppealRecord | undefined => {
  if (info === undefined || info.purpose === 'ordinary') return undefined;
  for (const entry of entries) {
    if (entry.ref.kind !== 'appeal') continue;
    const d = registry.get(entry.docName);
    d.version;
    const record = appealDoc(d.doc).record();
    if (record !== undefined && record.examId === info.examId && candidates.includes(record.candidate))
      return record;
  }
  return undefined;
};

/** R10: the explanations a third grading receives, only those the server put there. */
export const thirdGradingContext = (
  commission: CommissionState,
  candidate: CandidateNumber,
): Array<{ field: ContextField; text: string }> => {
  const d = commission.commissionDocument;
  d.version;
  return contextFields.flatMap((field) => {
    const text = readEntry(d.doc, 'commission', 'context', contextKey(candidate, field));
    return text === undefined ? [] : [{ field, text }];
  });
};
