import type * as Y from 'yjs';
import { byTime, type CandidateNumber, type QuestionId, type UserId } from '../ids.ts';
import type { Marks } from '../records.ts';
import type { DocKind } from './doc-names.ts';
import { candidateKey, candidateUserKey, markKey, type TextField, textKey } from './keys.ts';
import { docSchemas, type RootName, type RootValue } from './schema.ts';

/**
 * Typed access to a document's root maps, shared by the server and the web app so that a key name is
 * written once. Reads parse what is stored (it may come from IndexedDB or an old client) and treat a
 * value of the wrong shape as absent.
 */
export const rootMap = <K extends DocKind, R extends RootName<K>>(doc: Y.Doc, _kind: K, root: R) =>
  doc.getMap<unknown>(root);

export const readEntry = <K extends DocKind, R extends RootName<K>>(
  doc: Y.Doc,
  kind: K,
  root: R,
  key: string,
): RootValue<K, R> | undefined => {
  const spec = (
    docSchemas[kind] as Record<
      string,
      { value: { safeParse: (v: unknown) => { success: boolean; data?: unknown } } }
    >
  )[root];
  const raw = doc.getMap<unknown>(root).get(key);
  if (raw === undefined || spec === undefined) return undefined;
  const parsed = spec.value.safeParse(raw);
  return parsed.success ? (parsed.data as RootValue<K, R>) : undefined;
};

export const readEntries = <K extends DocKind, R extends RootName<K>>(
  doc: Y.Doc,
  kind: K,
  root: R,
): Array<[string, RootValue<K, R>]> => {
  const out: Array<[string, RootValue<K, R>]> = [];
  for (const key of doc.getMap<unknown>(root).keys()) {
    const value = readEntry(doc, kind, root, key);
    if (value !== undefined) out.push([key, value]);
  }
  return out;
};

/** The commission document: the marks, texts and decisions of one commission. */
export const commissionDoc = (doc: Y.Doc) => ({
  info: () => readEntry(doc, 'commission', 'info', 'commission'),
  candidate: (candidate: CandidateNumber) =>
    readEntry(doc, 'commission', 'candidates', candidateKey(candidate)),
  candidateNumbers: () =>
    [...doc.getMap('candidates').keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)),
  mark: (candidate: CandidateNumber, question: QuestionId) =>
    readEntry(doc, 'commission', 'marks', markKey(candidate, question)),
  setMark: (candidate: CandidateNumber, question: QuestionId, points: number | undefined) => {
    const marks = doc.getMap<number>('marks');
    if (points === undefined) marks.delete(markKey(candidate, question));
    else marks.set(markKey(candidate, question), points);
  },
  autoPoints: (candidate: CandidateNumber, question: QuestionId) =>
    readEntry(doc, 'commission', 'auto', markKey(candidate, question)),
  text: (candidate: CandidateNumber, field: TextField) =>
    readEntry(doc, 'commission', 'texts', textKey(candidate, field)) ?? '',
  setText: (candidate: CandidateNumber, field: TextField, value: string) =>
    doc.getMap<string>('texts').set(textKey(candidate, field), value),
  confirmation: (candidate: CandidateNumber, userId: UserId) =>
    readEntry(doc, 'commission', 'confirmations', candidateUserKey(candidate, userId)),
  confirmations: (candidate: CandidateNumber) =>
    readEntries(doc, 'commission', 'confirmations')
      .filter(([key]) => key.startsWith(`${candidate}:`))
      .map(([, value]) => value),
  final: (candidate: CandidateNumber) => readEntry(doc, 'commission', 'finals', candidateKey(candidate)),
  hold: (candidate: CandidateNumber) => readEntry(doc, 'commission', 'holds', candidateKey(candidate)),
  imported: (candidate: CandidateNumber) => readEntry(doc, 'commission', 'imports', candidateKey(candidate)),
  sampleFlag: (candidate: CandidateNumber) =>
    readEntry(doc, 'commission', 'sampleFlags', candidateKey(candidate)),
});
export type CommissionDoc = ReturnType<typeof commissionDoc>;

/**
 * A candidate's points in the commission document, per question: the shared marks (R4) and the auto
 * scores (R18), as `weightedTotal` and `proposedGrade` take them.
 */
export const commissionMarks = (
  k: Pick<CommissionDoc, 'mark' | 'autoPoints'>,
  questions: readonly { id: QuestionId }[],
  candidate: CandidateNumber,
): { marks: Marks; auto: Marks } => {
  const marks: Marks = {};
  const auto: Marks = {};
  for (const q of questions) {
    const m = k.mark(candidate, q.id);
    const a = k.autoPoints(candidate, q.id);
    if (m !== undefined) marks[q.id] = m;
    if (a !== undefined) auto[q.id] = a;
  }
  return { marks, auto };
};

/** An examiner's private document for one commission. */
export const privateDoc = (doc: Y.Doc) => ({
  mark: (candidate: CandidateNumber, question: QuestionId) =>
    readEntry(doc, 'private', 'marks', markKey(candidate, question)),
  setMark: (candidate: CandidateNumber, question: QuestionId, points: number | undefined) => {
    const marks = doc.getMap<number>('marks');
    if (points === undefined) marks.delete(markKey(candidate, question));
    else marks.set(markKey(candidate, question), points);
  },
  note: (candidate: CandidateNumber) => readEntry(doc, 'private', 'notes', candidateKey(candidate)) ?? '',
  setNote: (candidate: CandidateNumber, value: string) =>
    doc.getMap<string>('notes').set(candidateKey(candidate), value),
  refusals: () =>
    readEntries(doc, 'private', 'refused')
      .map(([, value]) => value)
      .sort((a, b) => byTime(b.at, a.at)),
});
export type PrivateDoc = ReturnType<typeof privateDoc>;

export const examDoc = (doc: Y.Doc) => ({ exam: () => readEntry(doc, 'exam', 'exam', 'exam') });
export const appealDoc = (doc: Y.Doc) => ({ record: () => readEntry(doc, 'appeal', 'record', 'appeal') });
export const progressDoc = (doc: Y.Doc) => ({
  commissions: () => readEntries(doc, 'progress', 'commissions').map(([, value]) => value),
});
