import { candidateNumberSchema, idSchema, validateAnswerImport } from '@cograde/domain';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import { pickColumns } from '../imports/read-sheet.ts';
import { refreshAutoScores } from './auto-scores.ts';
import {
  bytesOf,
  editableExam,
  messageOf,
  type SetupOptions,
  sheetImportRoute,
  uploadedTable,
} from './setup-options.ts';

/** "candidate" / "kandidat", "question" / "oppgave", "text" / "answer" / "svar"; else the first three. */
const answerColumns = {
  candidate: /^(candidate|kandidat)/i,
  question: /^(question|oppgave)/i,
  text: /^(text|answer|svar|tekst)/i,
};

const maxPdfBytes = 20 * 1024 * 1024;

const reportSchema = z
  .object({
    fileName: z.string(),
    accepted: z.boolean(),
    valid: z.array(z.object({ row: z.number(), candidate: z.string(), questionId: z.string() })),
    invalid: z.array(
      z.object({
        row: z.number(),
        candidate: z.string(),
        question: z.string(),
        reason: z.string(),
        message: z.string(),
        detail: z.string().optional(),
      }),
    ),
  })
  .openapi('AnswerImport');

const pdfUploadSchema = z
  .object({
    fileName: z.string().min(1).max(200),
    content: z.base64().max(Math.ceil((maxPdfBytes * 4) / 3) + 4),
  })
  .openapi('AnswerPdfUpload');

/**
 * Answers before grading: a sheet of text answers (checked, then accepted like the candidate list) and
 * one PDF per candidate and question, one request each so that the browser can show its progress. A
 * text keeps the PDF stored beside it and a PDF keeps the text. Auto-scored questions are scored again
 * from the new answers (R18). Examiners read none of it before the exam is ready for grading (R1).
 */
export const registerAnswerRoutes = (
  router: OpenAPIHono<AppEnv>,
  opts: SetupOptions,
  auth: MiddlewareHandler<AppEnv>,
) => {
  router.openapi(
    sheetImportRoute(
      '/exams/{examId}/answer-imports',
      'Check answer texts (.csv/.xlsx: candidate, question, text), or with accept store the valid rows',
      reportSchema,
      auth,
    ),
    async (c) => {
      const actor = c.get('actor');
      const upload = c.req.valid('json');
      const exam = await editableExam(opts, actor, c.req.valid('param').examId);
      const table = await uploadedTable(upload);
      const candidates = (await opts.repo.exams.candidates(exam.id)).map((k) => k.number);
      const check = validateAnswerImport(pickColumns(table, answerColumns), {
        questions: exam.questions,
        candidates,
      });
      const accept = upload.accept === true;
      if (accept && check.valid.length > 0) {
        for (const row of check.valid) {
          const pdf = await opts.repo.exams.answerPdf(exam.id, row.candidate, row.questionId);
          await opts.repo.exams.putAnswer({
            examId: exam.id,
            candidate: row.candidate,
            questionId: row.questionId,
            text: row.text,
            ...(pdf === null ? {} : { pdf }),
          });
        }
        await refreshAutoScores(opts, exam);
        await opts.repo.audit.append({
          at: opts.clock.now(),
          actorId: actor.userId,
          action: 'answersImported',
          examId: exam.id,
          detail: { fileName: upload.fileName, rows: check.valid.length, kind: 'text' },
        });
      }
      const message = messageOf(c);
      return c.json(
        {
          fileName: upload.fileName,
          accepted: accept,
          valid: check.valid.map(({ row, candidate, questionId }) => ({ row, candidate, questionId })),
          invalid: check.invalid.map((r) => ({ ...r, message: message(r.reason) })),
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/exams/{examId}/answers/{candidate}/{questionId}/pdf',
      middleware: [auth] as const,
      summary: 'Store one candidate’s PDF answer to one question (base64, draft only)',
      request: {
        params: z.object({ examId: idSchema, candidate: candidateNumberSchema, questionId: idSchema }),
        body: { content: { 'application/json': { schema: pdfUploadSchema } }, required: true },
      },
      responses: {
        200: {
          description: 'Stored',
          content: {
            'application/json': {
              schema: z.object({ candidate: z.string(), questionId: z.string(), bytes: z.number() }),
            },
          },
        },
        ...errorResponses(400, 401, 403, 409, 413, 422),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { examId, candidate, questionId } = c.req.valid('param');
      const upload = c.req.valid('json');
      const exam = await editableExam(opts, actor, examId);
      if (!exam.questions.some((q) => q.id === questionId)) throw new ApiError('unknownQuestion', questionId);
      const registered = (await opts.repo.exams.candidates(exam.id)).some((k) => k.number === candidate);
      if (!registered) throw new ApiError('candidateNotInExam', `candidate ${candidate}`);
      const pdf = bytesOf(upload.content, maxPdfBytes);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('notPdf', upload.fileName);
      const text =
        (await opts.repo.exams.answers(exam.id, candidate)).find((a) => a.questionId === questionId)?.text ??
        '';
      await opts.repo.exams.putAnswer({ examId: exam.id, candidate, questionId, text, pdf });
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'answersImported',
        examId: exam.id,
        candidate,
        detail: { fileName: upload.fileName, questionId, kind: 'pdf', bytes: pdf.length },
      });
      return c.json({ candidate, questionId, bytes: pdf.length }, 200);
    },
  );
};
