import { type Language, type Reason, reasons } from '@cograde/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error a route throws: a reason from the domain table, which decides the HTTP status. */
export class ApiError extends HTTPException {
  constructor(
    readonly reason: Reason,
    readonly detail?: string,
  ) {
    super(reasons[reason].status as ContentfulStatusCode, { message: detail ?? reason });
  }
}

export type ErrorBody = { error: Reason; message: string; detail?: string };

export const languageOf = (c: Context): Language =>
  /^(nb|no|nn)\b/i.test(c.req.header('accept-language') ?? '') ? 'nb' : 'en';

export const errorBody = (reason: Reason, language: Language, detail?: string): ErrorBody =>
  detail === undefined
    ? { error: reason, message: reasons[reason][language] }
    : { error: reason, message: reasons[reason][language], detail };

export const errorResponse = (c: Context, reason: Reason, detail?: string) =>
  c.json(errorBody(reason, languageOf(c), detail), reasons[reason].status as ContentfulStatusCode);

/** Every error leaves as JSON `{error, message}`; an unexpected one is logged and says nothing more. */
export const onError = (err: Error, c: Context) => {
  if (err instanceof ApiError) return errorResponse(c, err.reason, err.detail);
  if (err instanceof HTTPException && err.status === 400) return errorResponse(c, 'badRequest', err.message);
  if (err instanceof HTTPException && err.status === 404) return errorResponse(c, 'notFound');
  console.error('unexpected error', c.req.method, c.req.path, err);
  return c.json({ error: 'internal', message: 'Something went wrong on the server.' }, 500);
};
