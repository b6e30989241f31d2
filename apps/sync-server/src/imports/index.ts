import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type CandidateNumber,
  type Commission,
  candidateKey,
  candidateNumberSchema,
  candidateUserKey,
  commissionDoc,
  describeReason,
  docName,
  type Exam,
  type GradeImportCheck,
  gradeSchema,
  idSchema,
  type Reason,
  rootMap,
  validateGradeImport,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type * as Y from 'yjs';
import { authorizeCommissions, authorizeExam, ordinaryCommissions } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { ApiError, languageOf } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, Clock, DocWriter, SessionResolver } from '../ports.ts';
import { refreshProgress } from '../progress/index.ts';
import type { AppliedImportRow, GradeImportRecord, Repository } from '../storage/repository.ts';
import { readSheet } from './read-sheet.ts';

/**
 * R12 grade import. An upload is read and checked, and kept as a pending import: nothing changes. Accepting
 * it applies the valid rows: each imported grade overwrites whatever grade the candidate had (a registered
 * one is unlocked, the confirmations go), and waits in the commission document's `imports` root for the
 * commission to confirm and register it through the normal flow — an imported grade is never a lock.
 * Undo (one candidate or all) puts back exactly what the accept replaced, as long as the grade is still
 * this import's and not yet registered.
 */
export type ImportOptions = {
  repo: Repository;
  directory: AccessDirectory;
  writer: DocWriter;
  sessions: SessionResolver;
  clock: Clock;
};

const maxFileBytes = 5 * 1024 * 1024;

const uploadSchema = z
  .object({
    fileName: z.string().min(1).max(200),
    /** Taken from the file name's extension when absent. */
    format: z.enum(['csv', 'xlsx']).optional(),
    /** The file's bytes, base64: the API takes JSON bodies only (CSRF guard). */
    content: z.base64().max(Math.ceil((maxFileBytes * 4) / 3) + 4),
  })
  .openapi('GradeImportUpload');

const rowSchema = z.object({ row: z.number(), candidate: z.string() });
const reportSchema = z
  .object({
    importId: z.string(),
    fileName: z.string(),
    status: z.enum(['pending', 'accepted', 'discarded']),
    valid: z.array(rowSchema.extend({ grade: gradeSchema })),
    skipped: z.array(rowSchema),
    invalid: z.array(
      rowSchema.extend({
        grade: z.string(),
        reason: z.string(),
        message: z.string(),
        detail: z.string().optional(),
      }),
    ),
    needsAcceptance: z.boolean(),
    applied: z.array(
      z.object({
        candidate: z.string(),
        row: z.number(),
        grade: gradeSchema,
        commissionId: z.string(),
        previousGrade: gradeSchema.optional(),
        undone: z.boolean(),
      }),
    ),
  })
  .openapi('GradeImport');

const undoSchema = z
  .object({ candidate: candidateNumberSchema.optional() })
  .openapi('GradeImportUndo', { description: 'One candidate, or every applied row when absent' });
const undoneSchema = z
  .object({
    undone: z.array(z.string()),
    notUndone: z.array(z.object({ candidate: z.string(), reason: z.string() })),
  })
  .openapi('GradeImportUndone');

const examParams = z.object({ examId: idSchema });
const importParams = z.object({ examId: idSchema, importId: idSchema });

type Placement = { attended: boolean; held: boolean };

/** Where each candidate of the exam is graded, and whether they may be graded now (R13, R11 noGrade). */
const placements = async (writer: DocWriter, commissions: readonly Commission[]) => {
  const out = new Map<CandidateNumber, Placement>();
  for (const commission of commissions) {
    await writer.read(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
      const doc = commissionDoc(raw);
      for (const candidate of commission.candidates) {
        const state = doc.candidate(candidate);
        out.set(candidate, { attended: state?.attended ?? false, held: doc.hold(candidate) !== undefined });
      }
    });
  }
  return out;
};

const toReport = (rec: GradeImportRecord, message: (reason: Reason) => string) => ({
  importId: rec.id,
  fileName: rec.fileName,
  status: rec.status,
  valid: rec.report.valid,
  skipped: rec.report.skipped,
  invalid: rec.report.invalid.map((r) => ({ ...r, message: message(r.reason) })),
  needsAcceptance: rec.report.needsAcceptance,
  applied: Object.entries(rec.applied).map(([candidate, a]) => ({
    candidate,
    row: a.row,
    grade: a.grade,
    commissionId: a.commissionId,
    ...(a.before.final !== undefined
      ? { previousGrade: a.before.final.grade }
      : a.before.imported !== undefined
        ? { previousGrade: a.before.imported.grade }
        : {}),
    undone: a.undone,
  })),
});

const confirmationKeysOf = (raw: Y.Doc, candidate: CandidateNumber) =>
  [...rootMap(raw, 'commission', 'confirmations').keys()].filter((k) => k.startsWith(`${candidate}:`));

/** Puts back what accepting the import replaced for one candidate, if the grade is still the import's. */
const undoOne = async (
  writer: DocWriter,
  importId: string,
  candidate: CandidateNumber,
  a: AppliedImportRow,
): Promise<'undone' | 'locked' | 'importNotApplied'> => {
  const result: { outcome: 'undone' | 'locked' | 'importNotApplied' } = { outcome: 'importNotApplied' };
  await writer.transact(docName({ kind: 'commission', commissionId: a.commissionId }), (raw) => {
    const doc = commissionDoc(raw);
    if (doc.final(candidate) !== undefined) {
      result.outcome = 'locked';
      return;
    }
    if (doc.imported(candidate)?.importId !== importId) return;
    const imports = rootMap(raw, 'commission', 'imports');
    if (a.before.imported === undefined) imports.delete(candidateKey(candidate));
    else imports.set(candidateKey(candidate), a.before.imported);
    if (a.before.final !== undefined)
      rootMap(raw, 'commission', 'finals').set(candidateKey(candidate), a.before.final);
    const confirmations = rootMap(raw, 'commission', 'confirmations');
    for (const key of confirmationKeysOf(raw, candidate)) confirmations.delete(key);
    for (const conf of a.before.confirmations)
      confirmations.set(candidateUserKey(candidate, conf.userId), conf);
    result.outcome = 'undone';
  });
  return result.outcome;
};

export const createImportRoutes = (opts: ImportOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);

  /** Coordinators: `can(import)` on every ordinary commission of the exam. */
  const authorize = async (actor: Actor, examId: string) => {
    const exam = await authorizeExam(opts, actor, 'read', { kind: 'exam', examId });
    const commissions = await ordinaryCommissions(opts, examId);
    if (commissions.length === 0) throw new ApiError('forbidden');
    await authorizeCommissions(opts, actor, 'import', commissions);
    return { exam, commissions };
  };
  const loadImport = async (exam: Exam, importId: string) => {
    const rec = await opts.repo.gradeImports.byId(exam.id, importId);
    if (rec === null) throw new ApiError('notFound');
    return rec;
  };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/grade-imports',
      middleware: [auth] as const,
      summary: 'Upload a grade file (.csv or .xlsx, base64): checked and kept pending; nothing changes (R12)',
      request: {
        params: examParams,
        body: { content: { 'application/json': { schema: uploadSchema } }, required: true },
      },
      responses: {
        200: { description: 'The report', content: { 'application/json': { schema: reportSchema } } },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const upload = c.req.valid('json');
      const actor = c.get('actor');
      const { exam, commissions } = await authorize(actor, examId);
      if (exam.status === 'published') throw new ApiError('alreadyPublished');
      const format = upload.format ?? (/\.xlsx$/i.test(upload.fileName) ? 'xlsx' : 'csv');
      const bytes = Buffer.from(upload.content, 'base64');
      if (bytes.length > maxFileBytes) throw new ApiError('tooLarge');
      const rows = await readSheet(format, bytes);
      if (rows === null) throw new ApiError('unreadableFile', upload.fileName);

      const where = await placements(opts.writer, commissions);
      const check = validateGradeImport(rows, { scale: exam.scale, candidates: where.keys() });
      // The commission documents know more than the file: who attended (R13) and who is held (R11 noGrade).
      const valid: GradeImportCheck['valid'] = [];
      for (const row of check.valid) {
        const place = where.get(row.candidate);
        const problem = !place?.attended
          ? 'notAttended'
          : place.held && exam.policies.cheatingPolicy === 'noGrade'
            ? 'cheatingHold'
            : null;
        if (problem === null) valid.push(row);
        else
          check.invalid.push({ row: row.row, candidate: row.candidate, grade: row.grade, reason: problem });
      }
      const report: GradeImportCheck = {
        valid,
        skipped: check.skipped,
        invalid: check.invalid.sort((a, b) => a.row - b.row),
        needsAcceptance: true,
      };
      // A new upload replaces one still waiting to be accepted.
      for (const earlier of await opts.repo.gradeImports.ofExam(examId)) {
        if (earlier.status === 'pending')
          await opts.repo.gradeImports.put({ ...earlier, status: 'discarded' });
      }
      const rec: GradeImportRecord = {
        id: randomUUID(),
        examId,
        createdBy: actor.userId,
        createdAt: opts.clock.now().toISOString(),
        fileName: upload.fileName,
        status: 'pending',
        report,
        applied: {},
      };
      await opts.repo.gradeImports.put(rec);
      return c.json(toReport(rec, messageOf(c)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/grade-imports/{importId}',
      middleware: [auth] as const,
      summary: 'A grade import: its report and what accepting it applied (R12)',
      request: { params: importParams },
      responses: {
        200: { description: 'The import', content: { 'application/json': { schema: reportSchema } } },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { examId, importId } = c.req.valid('param');
      const { exam } = await authorize(c.get('actor'), examId);
      return c.json(toReport(await loadImport(exam, importId), messageOf(c)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/grade-imports/{importId}/accept',
      middleware: [auth] as const,
      summary: 'Apply the valid rows: imported grades overwrite, still to be confirmed and registered (R12)',
      request: { params: importParams },
      responses: {
        200: { description: 'The import', content: { 'application/json': { schema: reportSchema } } },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { examId, importId } = c.req.valid('param');
      const actor = c.get('actor');
      const { exam, commissions } = await authorize(actor, examId);
      if (exam.status === 'published') throw new ApiError('alreadyPublished');
      const rec = await loadImport(exam, importId);
      if (rec.status !== 'pending') throw new ApiError('importNotPending');
      const at = opts.clock.now();
      const applied: Record<CandidateNumber, AppliedImportRow> = {};
      for (const commission of commissions) {
        const rows = rec.report.valid.filter((r) => commission.candidates.includes(r.candidate));
        if (rows.length === 0) continue;
        await opts.writer.transact(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
          const doc = commissionDoc(raw);
          for (const row of rows) {
            const state = doc.candidate(row.candidate);
            // Checked at upload; checked again here, in the owner's transaction, in case it changed since.
            if (!state?.attended) continue;
            if (doc.hold(row.candidate) !== undefined && exam.policies.cheatingPolicy === 'noGrade') continue;
            const final = doc.final(row.candidate);
            const imported = doc.imported(row.candidate);
            applied[row.candidate] = {
              commissionId: commission.id,
              grade: row.grade,
              row: row.row,
              before: {
                ...(final === undefined ? {} : { final }),
                ...(imported === undefined ? {} : { imported }),
                confirmations: doc.confirmations(row.candidate),
              },
              undone: false,
            };
            rootMap(raw, 'commission', 'finals').delete(candidateKey(row.candidate));
            const confirmations = rootMap(raw, 'commission', 'confirmations');
            for (const key of confirmationKeysOf(raw, row.candidate)) confirmations.delete(key);
            rootMap(raw, 'commission', 'imports').set(candidateKey(row.candidate), {
              grade: row.grade,
              importId: rec.id,
              row: row.row,
              importedBy: actor.userId,
              importedAt: at.toISOString(),
            });
          }
        });
      }
      const accepted: GradeImportRecord = { ...rec, status: 'accepted', applied };
      await opts.repo.gradeImports.put(accepted);
      for (const [candidate, a] of Object.entries(applied)) {
        await opts.repo.audit.append({
          at,
          actorId: actor.userId,
          action: 'import',
          examId,
          commissionId: a.commissionId,
          candidate,
          detail: {
            importId: rec.id,
            fileName: rec.fileName,
            row: a.row,
            grade: a.grade,
            previousGrade: a.before.final?.grade ?? a.before.imported?.grade ?? null,
            unlocked: a.before.final !== undefined,
          },
        });
      }
      await refreshProgress(opts, examId);
      return c.json(toReport(accepted, messageOf(c)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/grade-imports/{importId}/undo',
      middleware: [auth] as const,
      summary: 'Undo imported grades, one candidate or all: what they replaced comes back (R12)',
      request: {
        params: importParams,
        body: { content: { 'application/json': { schema: undoSchema } }, required: false },
      },
      responses: {
        200: { description: 'What was undone', content: { 'application/json': { schema: undoneSchema } } },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { examId, importId } = c.req.valid('param');
      const body = await c.req.json().catch(() => ({}));
      const parsed = undoSchema.safeParse(body);
      if (!parsed.success) throw new ApiError('badRequest', parsed.error.issues[0]?.message);
      const only = parsed.data.candidate;
      const actor = c.get('actor');
      const { exam } = await authorize(actor, examId);
      const rec = await loadImport(exam, importId);
      const targets = Object.entries(rec.applied).filter(
        ([candidate, a]) => !a.undone && (only === undefined || candidate === only),
      );
      if (only !== undefined && targets.length === 0)
        throw new ApiError('importNotApplied', `candidate ${only}`);
      const undone: string[] = [];
      const notUndone: Array<{ candidate: string; reason: string }> = [];
      const at = opts.clock.now();
      for (const [candidate, a] of targets) {
        const outcome = await undoOne(opts.writer, rec.id, candidate, a);
        if (outcome !== 'undone') {
          notUndone.push({ candidate, reason: outcome });
          continue;
        }
        undone.push(candidate);
        rec.applied[candidate] = { ...a, undone: true };
        await opts.repo.audit.append({
          at,
          actorId: actor.userId,
          action: 'undoImport',
          examId,
          commissionId: a.commissionId,
          candidate,
          detail: {
            importId: rec.id,
            grade: a.grade,
            restoredGrade: a.before.final?.grade ?? a.before.imported?.grade ?? null,
            relocked: a.before.final !== undefined,
          },
        });
      }
      await opts.repo.gradeImports.put(rec);
      const [first] = notUndone;
      if (only !== undefined && first !== undefined)
        throw new ApiError(first.reason as 'locked', `candidate ${only}`);
      await refreshProgress(opts, examId);
      return c.json({ undone, notUndone }, 200);
    },
  );

  return router;
};

const messageOf = (c: Context) => {
  const language = languageOf(c);
  return (reason: Reason) => describeReason(reason, language);
};
