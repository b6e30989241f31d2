import { validateCandidateImport } from '@cograde/domain';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/router.ts';
import { pickColumns } from '../imports/read-sheet.ts';
import {
  editableExam,
  messageOf,
  type SetupOptions,
  sheetImportRoute,
  uploadedTable,
} from './setup-options.ts';

/** "candidate" / "kandidat", "name" / "navn", "student id" / "studentnummer"; else the first three columns. */
const candidateColumns = {
  number: /^(candidate|kandidat)/i,
  name: /^(name|navn)/i,
  studentId: /^(student)/i,
};

const reportSchema = z
  .object({
    fileName: z.string(),
    accepted: z.boolean(),
    valid: z.array(
      z.object({ row: z.number(), number: z.string(), name: z.string(), studentId: z.string() }),
    ),
    invalid: z.array(
      z.object({
        row: z.number(),
        number: z.string(),
        reason: z.string(),
        message: z.string(),
        detail: z.string().optional(),
      }),
    ),
    candidates: z.number(),
  })
  .openapi('CandidateImport');

/**
 * The candidate list of an exam from a .csv or .xlsx file. A check reports every invalid row with its
 * number and reason and changes nothing; accepting stores the valid rows (the same file is sent again,
 * so the server never keeps a file between the two). Names and student ids go to the coordinator-only
 * candidate records, never into a document (R2).
 */
export const registerCandidateRoutes = (
  router: OpenAPIHono<AppEnv>,
  opts: SetupOptions,
  auth: MiddlewareHandler<AppEnv>,
) => {
  router.openapi(
    sheetImportRoute(
      '/exams/{examId}/candidate-imports',
      'Check a candidate list (.csv/.xlsx, base64), or with accept store its valid rows (draft only)',
      reportSchema,
      auth,
    ),
    async (c) => {
      const actor = c.get('actor');
      const upload = c.req.valid('json');
      const exam = await editableExam(opts, actor, c.req.valid('param').examId);
      const table = await uploadedTable(upload);
      const check = validateCandidateImport(pickColumns(table, candidateColumns));
      const accept = upload.accept === true;
      if (accept && check.valid.length > 0) {
        await opts.repo.exams.putCandidates(
          exam.id,
          check.valid.map((r) => r.candidate),
        );
        await opts.repo.audit.append({
          at: opts.clock.now(),
          actorId: actor.userId,
          action: 'candidatesImported',
          examId: exam.id,
          detail: {
            fileName: upload.fileName,
            rows: check.valid.length,
            invalidRows: check.invalid.map((r) => r.row),
            numbers: check.valid.map((r) => r.candidate.number),
          },
        });
      }
      const message = messageOf(c);
      return c.json(
        {
          fileName: upload.fileName,
          accepted: accept,
          valid: check.valid.map(({ row, candidate }) => ({
            row,
            number: candidate.number,
            name: candidate.name,
            studentId: candidate.studentId,
          })),
          invalid: check.invalid.map((r) => ({ ...r, message: message(r.reason) })),
          candidates: (await opts.repo.exams.candidates(exam.id)).length,
        },
        200,
      );
    },
  );
};
