import { z } from 'zod';
import { gradeSchema } from './scale.ts';
import type { SampleWhy } from './second-examiner-sample.ts';

export const sampleWhys = [
  'allPapers',
  'tenOrFewer',
  'gradedEorF',
  'gradedDNoE',
  'notPass',
  'closeToFail',
  'difficult',
  'other',
] as const satisfies readonly SampleWhy[];

const person = z.object({ userId: z.string(), displayName: z.string() });

/**
 * R8 as a commission's coordinator and members read it: every paper, whether it is in the second
 * examiner's sample and why, and whose choice the policy is. The server answers it, the app parses it.
 */
export const sampleViewSchema = z.object({
  commissionId: z.string(),
  examId: z.string(),
  name: z.string(),
  policy: z.enum(['rule', 'all']),
  source: z.enum(['exam', 'commission']),
  /** The coordinator's explanation of a commission's own choice. */
  reason: z.string().optional(),
  scale: z.enum(['letter', 'passFail']),
  firstExaminer: person.nullable(),
  secondExaminers: z.array(person),
  /** False while some attended candidate has no grade from the first examiner: the sample may still grow. */
  complete: z.boolean(),
  papers: z.array(
    z.object({
      candidate: z.string(),
      grade: gradeSchema.optional(),
      inSample: z.boolean(),
      why: z.enum(sampleWhys).optional(),
      difficult: z.boolean(),
      closeToFail: z.boolean(),
    }),
  ),
});
export type SampleView = z.infer<typeof sampleViewSchema>;
