import { z } from 'zod';
import { examSchema } from '../exam.ts';
import { candidateNumberSchema, idSchema, isoDateSchema, isoDateTimeSchema } from '../ids.ts';
import { commissionSchema } from '../people.ts';
import { reasonSchema } from '../reasons-schema.ts';
import { confirmationSchema, finalGradeSchema, marksSchema } from '../records.ts';
import { gradeSchema } from '../scale.ts';
import type { DocKind } from './doc-names.ts';
import {
  fixedKey,
  parseCandidateKey,
  parseCandidateUserKey,
  parseContextKey,
  parseIdKey,
  parseMarkKey,
  parseTextKey,
} from './keys.ts';

/**
 * The shape of every document kind: its root maps, who writes each (clients, within the rules, or the
 * server alone), the form of the keys and the shape of the values. Every root is a `Y.Map` whose values
 * are plain JSON; nested shared types are not part of any schema and are refused.
 */
export type RootSpec<K = unknown, V extends z.ZodType = z.ZodType> = {
  writer: 'client' | 'server';
  parseKey: (key: string) => K | null;
  value: V;
  /**
   * Accepts, without zod, the common values of a root that clients write on every keystroke; whatever it
   * does not accept is decided by `value`. It may accept only what `value` accepts (a property test
   * checks it against the schema), so the schema stays the one definition.
   */
  quick?: (value: unknown) => boolean;
};

const root = <K, V extends z.ZodType>(
  writer: 'client' | 'server',
  parseKey: (key: string) => K | null,
  value: V,
  quick?: (value: unknown) => boolean,
) => ({ writer, parseKey, value, ...(quick === undefined ? {} : { quick }) }) satisfies RootSpec<K, V>;

export const maxTextLength = 20_000;
const maxPoints = 1000;
const points = z.number().finite().min(0).max(maxPoints);
const isPoints = (value: unknown) => typeof value === 'number' && value >= 0 && value <= maxPoints;
const text = z.string().max(maxTextLength);
const isText = (value: unknown) => typeof value === 'string' && value.length <= maxTextLength;

/** Whether a client may write `value` into a root: its quick check, or else its schema. */
export const acceptsValue = (spec: RootSpec, value: unknown): boolean =>
  spec.quick?.(value) === true || spec.value.safeParse(value).success;

export const commissionInfoSchema = commissionSchema.omit({ candidates: true });
export type CommissionInfo = z.infer<typeof commissionInfoSchema>;

export const candidateStateSchema = z.object({
  attended: z.boolean(),
  /** R16: examiners who declared themselves disqualified for this candidate. */
  disqualified: z.array(idSchema).max(10),
});
export type CandidateState = z.infer<typeof candidateStateSchema>;

/** R8: the first examiner's flags on a paper, which steer the second examiner's sample. */
export const sampleFlagSchema = z.object({
  difficult: z.boolean(),
  /** Pass/fail: a Pass the first examiner finds close to NotPass. */
  closeToFail: z.boolean(),
  by: idSchema,
  at: isoDateTimeSchema,
});
export type SampleFlag = z.infer<typeof sampleFlagSchema>;

export const holdSchema = z.object({
  kind: z.literal('cheating'),
  flaggedAt: isoDateTimeSchema,
  flaggedBy: idSchema,
});
export type Hold = z.infer<typeof holdSchema>;

/**
 * R12: a grade from an accepted spreadsheet import. It overwrites a registered grade but does not lock:
 * the commission still confirms and registers it through the normal flow.
 */
export const importedGradeSchema = z.object({
  grade: gradeSchema,
  importId: idSchema,
  row: z.number().int().positive(),
  importedBy: idSchema,
  importedAt: isoDateTimeSchema,
});
export type ImportedGrade = z.infer<typeof importedGradeSchema>;

/** R3: in individual mode an examiner's marks are revealed to the commission with their confirmation. */
export const confirmationWithMarksSchema = confirmationSchema.extend({ marks: marksSchema.optional() });

export const refusedChangeSchema = z.object({
  root: z.string().max(100),
  key: z.string().max(200),
  /** What the examiner tried to write; absent for a deletion. */
  value: z.unknown().optional(),
  deleted: z.boolean(),
});
export type RefusedChange = z.infer<typeof refusedChangeSchema>;

/** R6: a refused update is kept where its author can read it; nothing is silently lost. */
export const refusalSchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  docName: z.string().max(200),
  reason: reasonSchema,
  detail: z.string().max(1000).optional(),
  changes: z.array(refusedChangeSchema).max(1000),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const appealRecordSchema = z.object({
  appealId: idSchema,
  examId: idSchema,
  candidate: candidateNumberSchema,
  commissionId: idSchema,
  registeredAt: isoDateTimeSchema,
  status: z.enum(['registered', 'grading', 'thirdGrading', 'decided']),
});
export type AppealRecord = z.infer<typeof appealRecordSchema>;

export const commissionProgressSchema = z.object({
  commissionId: idSchema,
  name: z.string(),
  total: z.number().int().nonnegative(),
  graded: z.number().int().nonnegative(),
  confirmed: z.number().int().nonnegative(),
  locked: z.number().int().nonnegative(),
  online: z.array(idSchema),
  deadline: isoDateSchema,
  remainingWorkingDays: z.number().int(),
  overdue: z.boolean(),
});
export type CommissionProgress = z.infer<typeof commissionProgressSchema>;

export const docSchemas = {
  exam: {
    exam: root('server', fixedKey('exam'), examSchema),
  },
  commission: {
    /** Shared marks (R4), one entry per candidate and question. */
    marks: root('client', parseMarkKey, points, isPoints),
    /** Comment to the candidate and the explanation, shared within the commission (R20). */
    texts: root('client', parseTextKey, text, isText),
    info: root('server', fixedKey('commission'), commissionInfoSchema),
    candidates: root('server', parseCandidateKey, candidateStateSchema),
    /** R18: points computed from the answer key; an entry in `marks` for the same key overrides it. */
    auto: root('server', parseMarkKey, points),
    confirmations: root('server', parseCandidateUserKey, confirmationWithMarksSchema),
    finals: root('server', parseCandidateKey, finalGradeSchema),
    holds: root('server', parseCandidateKey, holdSchema),
    /** R12: imported grades awaiting confirmation; not a lock. */
    imports: root('server', parseCandidateKey, importedGradeSchema),
    /** R10: what a third grading receives: both commissions' explanations. */
    context: root('server', parseContextKey, text),
    /** R8: the first examiner's "difficult" and "close to fail" flags, for the second examiner's sample. */
    sampleFlags: root('server', parseCandidateKey, sampleFlagSchema),
  },
  private: {
    /** Individual marks (R3) before confirmation. */
    marks: root('client', parseMarkKey, points, isPoints),
    /** Private notes, readable by their author alone (R20). */
    notes: root('client', parseCandidateKey, text, isText),
    refused: root('server', parseIdKey, refusalSchema),
  },
  appeal: {
    record: root('server', fixedKey('appeal'), appealRecordSchema),
  },
  progress: {
    commissions: root('server', parseIdKey, commissionProgressSchema),
  },
} as const satisfies Record<DocKind, Record<string, RootSpec>>;

export type DocSchemas = typeof docSchemas;
export type RootName<K extends DocKind> = keyof DocSchemas[K] & string;
export type RootValue<K extends DocKind, R extends RootName<K>> =
  DocSchemas[K][R] extends RootSpec<unknown, infer V> ? z.infer<V> : never;
export type RootKey<K extends DocKind, R extends RootName<K>> =
  DocSchemas[K][R] extends RootSpec<infer Key> ? Key : never;
