import {
  type CandidateNumber,
  type Commission,
  commissionDoc,
  countingFinal,
  docName,
  type ExportCandidate,
  type ExportRow,
  type FinalGrade,
  gradeExport,
  idSchema,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { authorizeExam } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, Clock, DocWriter, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * R15 + R11: the results export for the student system, for coordinators (`can(read, export)`). Final
 * grades only — candidate number, student id, grade — never marks, proposals or explanations. A held
 * candidate is left out without a word in the file about why. The export is refused until every other
 * candidate who attended has a registered grade, unless `?partial=1` asks for the registered ones; the
 * missing and withheld candidate numbers travel in the `Cograde-Missing` and `Cograde-Withheld` headers,
 * to the coordinator only.
 */
export type ExportOptions = {
  repo: Repository;
  directory: AccessDirectory;
  writer: DocWriter;
  sessions: SessionResolver;
  clock: Clock;
};

const csvType = 'text/csv; charset=utf-8';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const header = ['candidate', 'studentId', 'grade'] as const;

const csvCell = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
export const toCsv = (rows: readonly ExportRow[]): string =>
  `${[header.join(','), ...rows.map((r) => [r.candidate, r.studentId, r.grade].map(csvCell).join(','))].join('\r\n')}\r\n`;

export const toXlsx = async (rows: readonly ExportRow[]): Promise<Uint8Array<ArrayBuffer>> => {
  // Loaded on first use: exceljs is large and only imports and exports need it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Grades');
  sheet.addRow([...header]);
  for (const r of rows) sheet.addRow([r.candidate, r.studentId, r.grade]);
  const bytes = await workbook.xlsx.writeBuffer();
  return new Uint8Array(bytes.slice(0));
};

export const createExportRoutes = (opts: ExportOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);

  /** Every candidate of the exam's ordinary commissions, with the grade that counts and any hold. */
  const collect = async (examId: string): Promise<ExportCandidate[]> => {
    const commissions = await opts.repo.commissions.ofExam(examId);
    const people = new Map((await opts.repo.exams.candidates(examId)).map((p) => [p.number, p]));
    const seen = new Map<
      CandidateNumber,
      { attended: boolean; held: boolean; finals: Partial<Record<Commission['purpose'], FinalGrade>> }
    >();
    for (const commission of commissions) {
      await opts.writer.read(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
        const doc = commissionDoc(raw);
        for (const candidate of commission.candidates) {
          const entry = seen.get(candidate) ?? { attended: false, held: false, finals: {} };
          if (commission.purpose === 'ordinary') entry.attended = doc.candidate(candidate)?.attended ?? false;
          entry.held ||= doc.hold(candidate) !== undefined;
          const final = doc.final(candidate);
          if (final !== undefined) entry.finals[commission.purpose] = final;
          seen.set(candidate, entry);
        }
      });
    }
    return [...seen].map(([candidate, e]) => ({
      candidate,
      studentId: people.get(candidate)?.studentId ?? '',
      attended: e.attended,
      held: e.held,
      // The grade that counts after an appeal or a third grading (R10).
      final: countingFinal(e.finals),
    }));
  };

  for (const format of ['csv', 'xlsx'] as const) {
    router.openapi(
      createRoute({
        method: 'get',
        path: `/exams/{examId}/export.${format}`,
        middleware: [auth] as const,
        summary: `Final grades as .${format}: candidate number, student id, grade (R15, R11)`,
        request: {
          params: z.object({ examId: idSchema }),
          query: z.object({ partial: z.enum(['0', '1']).optional() }),
        },
        responses: {
          200: {
            description: 'The export; Cograde-Missing and Cograde-Withheld list the candidates left out',
            content: {
              [format === 'csv' ? 'text/csv' : xlsxType]: {
                schema: z.string().openapi({ format: 'binary' }),
              },
            },
          },
          ...errorResponses(401, 403, 409),
        },
      }),
      async (c) => {
        const { examId } = c.req.valid('param');
        const partial = c.req.valid('query').partial === '1';
        const actor = c.get('actor');
        await authorizeExam(opts, actor, 'read', { kind: 'export', examId });
        const result = gradeExport(await collect(examId), partial);
        if (!result.ok) throw new ApiError(result.reason, result.detail);
        await opts.repo.audit.append({
          at: opts.clock.now(),
          actorId: actor.userId,
          action: 'export',
          examId,
          detail: {
            format,
            partial,
            rows: result.rows.length,
            missing: result.missing,
            withheld: result.withheld,
          },
        });
        const headers = {
          'content-type': format === 'csv' ? csvType : xlsxType,
          'content-disposition': `attachment; filename="${examId}-grades${partial ? '-partial' : ''}.${format}"`,
          'cache-control': 'no-store',
          'cograde-missing': result.missing.join(','),
          'cograde-withheld': result.withheld.join(','),
        };
        const body = format === 'csv' ? toCsv(result.rows) : await toXlsx(result.rows);
        return c.body(body, 200, headers);
      },
    );
  }
  return router;
};
