import { type Language, type Reason, reasons } from '@cograde/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One of several problems a refusal lists: every R17 problem of a commission, say. */
export type Problem = { reason: Reason; detail?: string };

/**
 * The one error a route throws: a reason from the domain table, which decides the HTTP status, and
 * (when the request had several things wrong) every problem, so that the user can mend them in one go.
 */
export class ApiError extends HTTPException {
  constructor(
    readonly reason: Reason,
    readonly detail?: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(reasons[reason].status as ContentfulStatusCode, { message: detail ?? reason });
  }

  /** Refuses with every problem listed; the first one names the refusal. */
  static listing(problems: readonly [Problem, ...Problem[]]): ApiError {
    return new ApiError(problems[0].reason, undefined, problems);
  }
}

export type ErrorBody = {
  error: Reason;
  message: string;
  detail?: string;
  problems?: { reason: Reason; message: string; detail?: string }[];
};

export const languageOf = (c: Context): Language =>
  /^(nb|no|nn)\b/i.test(c.req.header('accept-language') ?? '') ? 'nb' : 'en';

export const errorBody = (
  reason: Reason,
  language: Language,
  detail?: string,
  problems: readonly Problem[] = [],
): ErrorBody => ({
  error: reason,
  message: reasons[reason][language],
  ...(detail === undefined ? {} : { detail }),
  ...(problems.length === 0
    ? {}
    : {
        problems: problems.map((p) => ({
          reason: p.reason,
          message: reasons[p.reason][language],
          ...(p.detail === undefined ? {} : { detail: p.detail }),
        })),
      }),
});

export const errorResponse = (
  c: Context,
  reason: Reason,
  detail?: string,
  problems: readonly Problem[] = [],
) =>
  c.json(errorBody(reason, languageOf(c), detail, problems), reasons[reason].status as ContentfulStatusCode);

/** Every error leaves as JSON `{error, message, detail?, problems?}`; an unexpected one is logged and says nothing more. */
export const onError = (err: Error, c: Context) => {
  if (err instanceof ApiError) return errorResponse(c, err.reason, err.detail, err.problems);
  if (err instanceof HTTPException && err.status === 400) return errorResponse(c, 'badRequest', err.message);
  if (err instanceof HTTPException && err.status === 404) return errorResponse(c, 'notFound');
  console.error('unexpected error', c.req.method, c.req.path, err);
  return c.json({ error: 'internal', message: 'Something went wrong on the server.' }, 500);
};
