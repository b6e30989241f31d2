import { z } from 'zod';
import { candidateNumberSchema, idSchema, isoDateTimeSchema } from './ids.ts';
import { gradeSchema } from './scale.ts';

/** Points per question of one candidate, as one examiner or the commission gave them. */
export const marksSchema = z.record(idSchema, z.number().min(0));
export type Marks = z.infer<typeof marksSchema>;

export const confirmationSchema = z.object({
  userId: idSchema,
  grade: gradeSchema,
  at: isoDateTimeSchema,
});
export type Confirmation = z.infer<typeof confirmationSchema>;

export const finalGradeSchema = z.object({
  grade: gradeSchema,
  registeredBy: idSchema,
  registeredAt: isoDateTimeSchema,
  /** R12: set when the grade came from a spreadsheet import (it still needs confirming). */
  source: z.enum(['commission', 'import', 'appeal', 'third']),
});
export type FinalGrade = z.infer<typeof finalGradeSchema>;

export const appealSchema = z.object({
  id: idSchema,
  examId: idSchema,
  candidate: candidateNumberSchema,
  ordinaryCommissionId: idSchema,
  appealCommissionId: idSchema.optional(),
  thirdCommissionId: idSchema.optional(),
  /** The candidate's reasons: coordinators only, never the appeal examiners (R9). */
  reasons: z.string().max(20_000),
  registeredAt: isoDateTimeSchema,
  status: z.enum(['registered', 'grading', 'thirdGrading', 'decided']),
});
export type Appeal = z.infer<typeof appealSchema>;

export const auditActions = [
  'register',
  'confirm',
  'lock',
  'reopen',
  'import',
  'undoImport',
  'keyCorrection',
  'weightChange',
  'flag',
  'sampleFlag',
  'resolveFlag',
  'disqualify',
  'attendance',
  'extraExaminer',
  'reopenRequest',
  'export',
  'appeal',
  'thirdGrading',
  'commissionSaved',
  'examChanged',
  'examCreated',
  'examReady',
  'candidatesImported',
  'answersImported',
  'login',
] as const;
export const auditEventSchema = z.object({
  id: z.number().int().nonnegative(),
  at: isoDateTimeSchema,
  actorId: idSchema,
  action: z.enum(auditActions),
  examId: idSchema.optional(),
  commissionId: idSchema.optional(),
  candidate: candidateNumberSchema.optional(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditAction = (typeof auditActions)[number];
