import { z } from 'zod';

/** Ids are short, URL- and document-name-safe strings; ':' is reserved as the separator in keys. */
export const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = z.string().regex(idPattern, 'ids use letters, digits, _ and - only');
export type Id = z.infer<typeof idSchema>;

/** The anonymous candidate number an examiner sees (R2), e.g. "101". */
export const candidateNumberPattern = /^[0-9]{1,10}$/;
export const candidateNumberSchema = z.string().regex(candidateNumberPattern, 'candidate numbers are digits');
export type CandidateNumber = z.infer<typeof candidateNumberSchema>;

export const questionIdSchema = idSchema;
export type QuestionId = Id;
export type UserId = Id;
export type ExamId = Id;
export type CommissionId = Id;
export type AppealId = Id;

/** A calendar date without time, "2026-11-23". */
export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;
/** An instant, "2026-11-23T10:00:00.000Z". */
export const isoDateTimeSchema = z.iso.datetime();
export type IsoDateTime = z.infer<typeof isoDateTimeSchema>;

/**
 * Orders ISO 8601 UTC timestamps (`isoDateTimeSchema`): as text, earliest first. Not `localeCompare`,
 * which is slower and, as the first `Intl` use of a page, makes the browser load its ICU data.
 */
export const byTime = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
