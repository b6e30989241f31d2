import type { Actor } from '@cograde/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { SessionUser } from '../ports.ts';
import { errorResponse } from './api-error.ts';

export type AppEnv = { Variables: { user: SessionUser; actor: Actor; sessionTokenHash: string } };

/** Every router validates with zod and answers a failed validation in the shared error shape. */
export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const detail = result.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ');
        return errorResponse(c, 'badRequest', detail);
      }
    },
  });

export const errorSchema = z
  .object({
    error: z.string(),
    message: z.string(),
    detail: z.string().optional(),
    /** Every problem, when the request had several things wrong (R17's for a commission, say). */
    problems: z
      .array(z.object({ reason: z.string(), message: z.string(), detail: z.string().optional() }))
      .optional(),
  })
  .openapi('Error');

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Refused', content: { 'application/json': { schema: errorSchema } } },
    ]),
  );
