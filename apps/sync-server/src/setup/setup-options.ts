import { type Actor, checkEditable, describeReason, type Exam, idSchema, type Reason } from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { authorizeExam } from '../actions/exam-action.ts';
import { ApiError, languageOf } from '../http/api-error.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import { readTable, type SheetFormat, type SheetTable } from '../imports/read-sheet.ts';
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

/** The exam, when the actor coordinates it and it may still be set up (draft or ready, not grading). */
export const editableExam = async (opts: SetupOptions, actor: Actor, examId: string): Promise<Exam> => {
  const exam = await managedExam(opts, actor, examId);
  const editable = checkEditable(exam);
  if (!editable.ok) throw new ApiError(editable.reason);
  return exam;
};

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

/**
 * A spreadsheet check of an exam's setup (`POST /exams/{examId}/<what>-imports`): the upload in, a report
 * out. A check changes nothing; `accept` stores the valid rows (the same file is sent again, so the
 * server never keeps a file between the two).
 */
export const sheetImportRoute = <R extends z.ZodType>(
  path: `/exams/{examId}/${string}`,
  summary: string,
  reportSchema: R,
  auth: MiddlewareHandler<AppEnv>,
) =>
  createRoute({
    method: 'post',
    path,
    middleware: [auth] as const,
    summary,
    request: {
      params: z.object({ examId: idSchema }),
      body: { content: { 'application/json': { schema: sheetUploadSchema } }, required: true },
    },
    responses: {
      200: { description: 'The report', content: { 'application/json': { schema: reportSchema } } },
      ...errorResponses(400, 401, 403, 409, 413, 422),
    },
  });

/** The upload's table: `unreadableFile` when it is no spreadsheet, `tooLarge` over `maxSheetBytes`. */
export const uploadedTable = async (upload: SheetUpload): Promise<SheetTable> => {
  const table = await readTable(formatOf(upload), bytesOf(upload.content, maxSheetBytes));
  if (table === null) throw new ApiError('unreadableFile', upload.fileName);
  return table;
};

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
