import { type Actor, describeReason, type Exam, type Reason } from '@cograde/domain';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorizeExam } from '../actions/exam-action.ts';
import { ApiError, languageOf } from '../http/api-error.ts';
import type { SheetFormat } from '../imports/read-sheet.ts';
import type { AccessDirectory, Clock, DocWriter, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

export type SetupOptions = {
  repo: Repository;
  directory: AccessDirectory;
  writer: DocWriter;
  sessions: SessionResolver;
  clock: Clock;
  hashPassword: (password: string) => Promise<string>;
};

/**
 * Who may create exams and examiner accounts: anyone who coordinates at least one exam. There is no
 * institution-wide role in the model (grants are per exam), and coordinating an exam is what makes
 * someone administrative staff; the creator of an exam becomes its coordinator.
 */
const isCoordinatorAnywhere = (actor: Actor): boolean => actor.grants.some((g) => g.role === 'coordinator');

export const requireCoordinatorAnywhere = (actor: Actor) => {
  if (!isCoordinatorAnywhere(actor)) throw new ApiError('forbidden');
};

/** The exam, when the actor coordinates it (`can(manage)` on it); refused alike when it does not exist. */
export const managedExam = (opts: SetupOptions, actor: Actor, examId: string): Promise<Exam> =>
  authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });

export const maxSheetBytes = 5 * 1024 * 1024;

/** A spreadsheet upload; the API takes JSON bodies only (CSRF guard), so the bytes come base64. */
export const sheetUploadSchema = z
  .object({
    fileName: z.string().min(1).max(200),
    /** Taken from the file name's extension when absent. */
    format: z.enum(['csv', 'xlsx']).optional(),
    content: z.base64().max(Math.ceil((maxSheetBytes * 4) / 3) + 4),
    /** false (default): check and report, nothing changes; true: store the valid rows. */
    accept: z.boolean().optional(),
  })
  .openapi('SetupSheetUpload');
export type SheetUpload = z.infer<typeof sheetUploadSchema>;

export const formatOf = (upload: SheetUpload): SheetFormat =>
  upload.format ?? (/\.xlsx$/i.test(upload.fileName) ? 'xlsx' : 'csv');

export const bytesOf = (content: string, maxBytes: number): Buffer => {
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length > maxBytes) throw new ApiError('tooLarge');
  return bytes;
};

/** The refusal text of each invalid row, in the caller's language. */
export const messageOf = (c: Context) => {
  const language = languageOf(c);
  return (reason: Reason) => describeReason(reason, language);
};
