import type { CandidateNumber, QuestionId, UserId } from '../ids.ts';
import { candidateNumberPattern, idPattern } from '../ids.ts';

/**
 * Map keys inside documents are flat strings joined with ':' so that every change is one entry of one
 * root map: the server sees exactly which candidate and question a change touches without walking trees.
 */
// The schemas' own patterns, tested directly: a key is decoded on every change a client sends.
const isCandidate = (s: string): boolean => candidateNumberPattern.test(s);
const isId = (s: string): boolean => idPattern.test(s);

/** The two parts of a key with exactly one ':', without splitting it into an array. */
const pair = (key: string): [string, string] | null => {
  const at = key.indexOf(':');
  if (at < 0 || key.indexOf(':', at + 1) >= 0) return null;
  return [key.slice(0, at), key.slice(at + 1)];
};

export type CandidateKey = { candidate: CandidateNumber };
export type CandidateQuestionKey = { candidate: CandidateNumber; question: QuestionId };
export type CandidateUserKey = { candidate: CandidateNumber; userId: UserId };
export const textFields = ['comment', 'explanation'] as const;
export type TextField = (typeof textFields)[number];
export type CandidateTextKey = { candidate: CandidateNumber; field: TextField };
export const contextFields = ['ordinaryExplanation', 'appealExplanation'] as const;
export type ContextField = (typeof contextFields)[number];
export type CandidateContextKey = { candidate: CandidateNumber; field: ContextField };
export type IdKey = { id: string };

export const candidateKey = (candidate: CandidateNumber) => candidate;
export const parseCandidateKey = (key: string): CandidateKey | null =>
  isCandidate(key) ? { candidate: key } : null;

export const markKey = (candidate: CandidateNumber, question: QuestionId) => `${candidate}:${question}`;
export const parseMarkKey = (key: string): CandidateQuestionKey | null => {
  const parts = pair(key);
  if (parts === null) return null;
  const [candidate, question] = parts;
  return isCandidate(candidate) && isId(question) ? { candidate, question } : null;
};

export const candidateUserKey = (candidate: CandidateNumber, userId: UserId) => `${candidate}:${userId}`;
export const parseCandidateUserKey = (key: string): CandidateUserKey | null => {
  const parts = pair(key);
  if (parts === null) return null;
  const [candidate, userId] = parts;
  return isCandidate(candidate) && isId(userId) ? { candidate, userId } : null;
};

export const textKey = (candidate: CandidateNumber, field: TextField) => `${candidate}:${field}`;
export const parseTextKey = (key: string): CandidateTextKey | null => {
  const parts = pair(key);
  if (parts === null) return null;
  const [candidate, field] = parts;
  return isCandidate(candidate) && (textFields as readonly string[]).includes(field)
    ? { candidate, field: field as TextField }
    : null;
};

export const contextKey = (candidate: CandidateNumber, field: ContextField) => `${candidate}:${field}`;
export const parseContextKey = (key: string): CandidateContextKey | null => {
  const parts = pair(key);
  if (parts === null) return null;
  const [candidate, field] = parts;
  return isCandidate(candidate) && (contextFields as readonly string[]).includes(field)
    ? { candidate, field: field as ContextField }
    : null;
};

export const parseIdKey = (key: string): IdKey | null => (isId(key) ? { id: key } : null);

/** For roots that hold a single value under a fixed key. */
export const fixedKey =
  <K extends string>(fixed: K) =>
  (key: string): { fixed: K } | null =>
    key === fixed ? { fixed } : null;
