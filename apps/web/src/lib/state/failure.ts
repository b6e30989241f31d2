import { ApiError, type Problem } from '../api.ts';

/**
 * What a failed call shows: the server's reason (its text comes from the domain's reasons table), with
 * the server's detail when it gave one, and every problem when it listed several (R17).
 */
export type Failure = { reason: string; message: string; problems: Problem[] } | null;

export const failureOf = (e: unknown): NonNullable<Failure> =>
  e instanceof ApiError
    ? {
        reason: e.reason,
        message: e.detail !== undefined && e.problems.length === 0 ? `${e.message} (${e.detail})` : e.message,
        problems: e.problems,
      }
    : { reason: 'unexpected', message: String(e), problems: [] };
