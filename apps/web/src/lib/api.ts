import { type Reason, reasons } from '@cograde/domain';
import { z } from 'zod';

const problemSchema = z.object({ reason: z.string(), message: z.string(), detail: z.string().optional() });
/** One of several problems the server lists when it refuses, e.g. every R17 problem of a commission. */
export type Problem = z.infer<typeof problemSchema>;

/** A failed request: the server's reason when it gave one, `offline` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly reason: Reason | 'offline' | 'unexpected',
    readonly status: number,
    message: string,
    /** The server's `detail`: what exactly it refused. */
    readonly detail?: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

const errorBodySchema = z.object({
  error: z.string(),
  message: z.string().optional(),
  detail: z.string().optional(),
  problems: z.array(problemSchema).optional(),
});
const isReason = (s: string): s is Reason => Object.hasOwn(reasons, s);

/** Fetches JSON from the server's API and parses it with `schema` at this edge. */
export const api = async <T>(
  path: string,
  schema: z.ZodType<T>,
  init: { method?: string; body?: unknown } = {},
): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError('offline', 0, 'offline');
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (!response.ok) {
    const body = errorBodySchema.safeParse(json);
    const reason = body.success && isReason(body.data.error) ? body.data.error : 'unexpected';
    throw new ApiError(
      reason,
      response.status,
      body.success ? (body.data.message ?? body.data.error) : text,
      body.success ? body.data.detail : undefined,
      body.success ? (body.data.problems ?? []) : [],
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('unexpected', response.status, 'unexpected response');
  return parsed.data;
};

export const anything = z.unknown();
