import { z } from 'zod';
import { holidayYears } from './holiday-years.ts';
import { idSchema, isoDateSchema } from './ids.ts';
import { scaleSchema } from './scale.ts';

export const examKinds = ['written', 'oral', 'paper', 'portfolio', 'mastersThesis'] as const;
export const examKindSchema = z.enum(examKinds);
export type ExamKind = z.infer<typeof examKindSchema>;

/** R13: these kinds are graded without submissions in the system. */
export const isRegistrationOnly = (kind: ExamKind): boolean =>
  kind === 'oral' || kind === 'paper' || kind === 'portfolio';

/** draft → ready (R1: the submission deadline has passed) → published (results out; no reopen, R6). */
export const examStatuses = ['draft', 'ready', 'published'] as const;
export const examStatusSchema = z.enum(examStatuses);
export type ExamStatus = z.infer<typeof examStatusSchema>;

const autoKeySchema = z.array(z.string().min(1).max(200)).min(1).max(50);

export const questionSchema = z
  .object({
    id: idSchema,
    label: z.string().min(1).max(200),
    maxPoints: z.number().positive().max(1000),
    weight: z.number().positive().max(100).default(1),
    scoring: z.enum(['manual', 'auto']),
    /** For auto-scored questions: the correct choices (R18). */
    answerKey: autoKeySchema.optional(),
  })
  .refine(
    (q) => q.scoring === 'manual' || q.answerKey !== undefined,
    'an auto-scored question needs an answer key',
  );
export type Question = z.infer<typeof questionSchema>;

export const policiesSchema = z.object({
  marksMode: z.enum(['individual', 'shared']),
  confirmation: z.enum(['collaborative', 'quick']),
  alignMarks: z.boolean(),
  enforceSplit: z.boolean(),
  secondExaminerSample: z.enum(['rule', 'all']),
  thirdGradingCommission: z.enum(['nhh', 'uio']),
  cheatingPolicy: z.enum(['withhold', 'noGrade']),
  /** Working days from the exam date (R14). */
  gradingDeadline: z.number().int().min(1).max(120),
  /** The coordinator lets the grading supervisor read the commissions' registered final grades (R15). */
  supervisorSeesFinals: z.boolean().optional(),
});
export type Policies = z.infer<typeof policiesSchema>;

/**
 * What a new exam starts with: shared marks, collaborative confirmation, the second examiner's sample
 * by the rule (R8), the University of Oslo's third-grading commission, grades withheld while cheating is
 * looked into, and 15 working days to grade (R14).
 */
export const defaultPolicies = (): Policies => ({
  marksMode: 'shared',
  confirmation: 'collaborative',
  alignMarks: false,
  enforceSplit: false,
  secondExaminerSample: 'rule',
  thirdGradingCommission: 'uio',
  cheatingPolicy: 'withhold',
  gradingDeadline: 15,
});

export const sampleOverrideSchema = z.object({
  policy: z.enum(['rule', 'all']),
  reason: z.string().trim().min(1).max(2000),
});
export type SampleOverride = z.infer<typeof sampleOverrideSchema>;

/**
 * The texts examiners grade by, beside the exam paper (the questions) and the scale: the grading
 * guidelines (sensorveiledning), the course description and the syllabus list. R9 lets appeal examiners
 * read exactly these, so they sit in the exam document every examiner of the exam opens.
 */
export const examMaterialsSchema = z.object({
  guidelines: z.string().max(20_000).default(''),
  courseDescription: z.string().max(20_000).default(''),
  syllabus: z.string().max(20_000).default(''),
});
export type ExamMaterials = z.infer<typeof examMaterialsSchema>;

export const examSchema = z
  .object({
    id: idSchema,
    course: z.string().min(1).max(40),
    title: z.string().min(1).max(200),
    term: z.string().regex(/^(20\d\d)(spring|autumn)$/, 'term is like 2026autumn'),
    // R14 counts working days with Norway's holidays, known for these years (and the year after).
    date: isoDateSchema.refine(
      (date) => {
        const year = Number(date.slice(0, 4));
        return year >= holidayYears.first && year < holidayYears.last;
      },
      `the exam date must be in ${holidayYears.first}–${holidayYears.last - 1}`,
    ),
    kind: examKindSchema,
    status: examStatusSchema,
    questions: z.array(questionSchema).max(200),
    scale: scaleSchema,
    policies: policiesSchema,
    /** R8: a commission's own choice that overrides `policies.secondExaminerSample`, with the reason. */
    sampleOverrides: z.record(idSchema, sampleOverrideSchema).optional(),
    /** R9: what every examiner of the exam, appeal examiners included, grades by besides the paper. */
    materials: examMaterialsSchema.optional(),
  })
  .refine(
    (e) => new Set(e.questions.map((q) => q.id)).size === e.questions.length,
    'question ids must be unique',
  );
export type Exam = z.infer<typeof examSchema>;
