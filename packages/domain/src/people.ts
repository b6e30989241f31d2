import { z } from 'zod';
import { candidateNumberSchema, idSchema } from './ids.ts';

/** What the system knows of a person. Names and student ids reach coordinators alone (R2). */
export const candidateSchema = z.object({
  number: candidateNumberSchema,
  name: z.string().min(1).max(200),
  studentId: z.string().min(1).max(40),
  /** R13: for registration-only exams, whether the candidate attended. */
  attended: z.boolean().default(true),
  /** R17: the master's thesis supervisor, who may never grade this candidate. */
  supervisorId: idSchema.optional(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const commissionPurposes = ['ordinary', 'appeal', 'third'] as const;
export type CommissionPurpose = (typeof commissionPurposes)[number];

export const memberSchema = z.object({
  userId: idSchema,
  displayName: z.string().min(1).max(200),
  affiliation: z.enum(['internal', 'external']),
  firstTime: z.boolean().default(false),
  /** The extra examiner (oppmann) is appointed on disagreement (R7). */
  extra: z.boolean().default(false),
});
export type Member = z.infer<typeof memberSchema>;

export const commissionSchema = z.object({
  id: idSchema,
  examId: idSchema,
  name: z.string().min(1).max(100),
  purpose: z.enum(commissionPurposes),
  members: z.array(memberSchema).max(10),
  candidates: z.array(candidateNumberSchema).max(5000),
  /** R4: an optional split of questions between members: question id → user id. */
  split: z.record(idSchema, idSchema).default({}),
});
export type Commission = z.infer<typeof commissionSchema>;
