import { type Exam, parseCandidateKey, parseMarkKey, parseTextKey } from '@cograde/domain';

/** A refused change in words: an i18n key and its values. */
export type ChangeText = { key: string; values: Record<string, string> };

const show = (value: unknown, deleted: boolean, deletedWord: string) =>
  deleted ? deletedWord : typeof value === 'string' ? value : JSON.stringify(value);

export const describeChange = (
  change: { root: string; key: string; value?: unknown; deleted: boolean },
  exam: Exam | undefined,
  words: { deleted: string; comment: string; explanation: string },
): ChangeText => {
  const value = show(change.value, change.deleted, words.deleted);
  if (change.root === 'marks') {
    const k = parseMarkKey(change.key);
    if (k) {
      const question = exam?.questions.find((q) => q.id === k.question)?.label ?? k.question;
      return { key: 'refused.markChange', values: { candidate: k.candidate, question, value } };
    }
  }
  if (change.root === 'texts') {
    const k = parseTextKey(change.key);
    if (k)
      return { key: 'refused.textChange', values: { candidate: k.candidate, field: words[k.field], value } };
  }
  if (change.root === 'notes') {
    const k = parseCandidateKey(change.key);
    if (k) return { key: 'refused.noteChange', values: { candidate: k.candidate, value } };
  }
  return { key: 'refused.otherChange', values: { root: change.root, key: change.key, value } };
};
