import { examKindSchema, isoDateSchema, policiesSchema, questionSchema, scaleSchema } from '@cograde/domain';
import { z } from '@hono/zod-openapi';

/**
 * What a coordinator sets when creating or editing an exam: everything of `examSchema` but the id (made
 * by the server) and the status (draft until marked ready, R1). The whole exam is checked again against
 * `examSchema` before it is stored.
 */
export const examInputSchema = z
  .object({
    course: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(200),
    term: z.string().regex(/^(20\d\d)(spring|autumn)$/, 'term is like 2026autumn'),
    date: isoDateSchema,
    kind: examKindSchema,
    questions: z.array(questionSchema).max(200),
    scale: scaleSchema,
    policies: policiesSchema,
  })
  .refine(
    (e) => new Set(e.questions.map((q) => q.id)).size === e.questions.length,
    'question ids must be unique',
  )
  .openapi('ExamInput');
export type ExamInput = z.infer<typeof examInputSchema>;
