import { ApiError, type Problem } from '../api.ts';

/**
 * What a failed call shows: the server's reason (its text comes from the domain's reasons table), with
 * the server's detail when it gave one, and every problem when it listed several (R17).
 */
export type Failure = { reason: string; message: string; detail?: string; problems: Problem[] } | null;

/** The one reader of a failed call: every screen shows what this finds, as text or as a list. */
export const failureOf = (e: unknown): NonNullable<Failure> => {
  if (!(e instanceof ApiError))
    return { reason: 'unexpected', message: String(e), detail: String(e), problems: [] };
  return {
    reason: e.reason,
    message: e.detail !== undefined && e.problems.length === 0 ? `${e.message} (${e.detail})` : e.message,
    ...(e.detail === undefined ? {} : { detail: e.detail }),
    problems: e.problems,
  };
};

/**
 * Every problem of a failure, for a list that names each in the screen's language: the server's own list
 * (a refused composition lists them all, R17, R9), else the failure itself as the one problem.
 */
export const problemsOf = (failure: Failure): Problem[] => {
  if (failure === null) return [];
  if (failure.problems.length > 0) return failure.problems;
  const { reason, message, detail } = failure;
  return [{ reason, message, ...(detail === undefined ? {} : { detail }) }];
};
