import {
  distributionOverTerms,
  type ExamId,
  type Grade,
  gradeSchema,
  type Scale,
  type TermDistribution,
} from '@cograde/domain';
import { z } from 'zod';
import { ApiError, api } from '../api.ts';
import { type Failure, failureOf } from './failure.ts';

const base = (examId: string) => `/api/exams/${encodeURIComponent(examId)}`;

// ---- Worklist (R16, R11, R6, R7, R12) ----

const item = { commissionId: z.string(), candidate: z.string() };
export const worklistSchema = z.object({
  examId: z.string(),
  disqualifications: z.array(
    z.object({ ...item, userId: z.string(), at: z.string().optional(), reason: z.string().optional() }),
  ),
  cheatingFlags: z.array(
    z.object({ ...item, flaggedBy: z.string(), flaggedAt: z.string(), reason: z.string().optional() }),
  ),
  reopenRequests: z.array(z.object({ ...item, requestedBy: z.string(), at: z.string(), reason: z.string() })),
  disagreements: z.array(
    z.object({
      ...item,
      grades: z.array(z.object({ userId: z.string(), grade: z.string() })),
      needsExtraExaminer: z.boolean(),
    }),
  ),
  importedAwaiting: z.array(z.object({ ...item, grade: z.string(), importId: z.string() })),
});
export type Worklist = z.infer<typeof worklistSchema>;

export const worklistCount = (w: Worklist): number =>
  w.disqualifications.length +
  w.cheatingFlags.length +
  w.reopenRequests.length +
  w.disagreements.length +
  w.importedAwaiting.length;

export class WorklistState {
  readonly examId: string;
  list: Worklist | null = $state(null);
  failure: Failure = $state(null);
  loading = $state(false);

  constructor(examId: string) {
    this.examId = examId;
  }

  /** R11: lifts a cheating hold, cleared or confirmed, with the coordinator's reason. */
  resolveFlag(commissionId: string, candidate: string, reason: string, outcome: 'cleared' | 'confirmed') {
    return this.#act(commissionId, candidate, 'resolve-flag', { reason, outcome });
  }

  /** R6: reopens a registered grade, as an examiner asked; the reason is required. */
  reopen(commissionId: string, candidate: string, reason: string) {
    return this.#act(commissionId, candidate, 'reopen', { reason });
  }

  async #act(commissionId: string, candidate: string, action: string, body: Record<string, string>) {
    this.loading = true;
    try {
      await api(
        `/api/commissions/${encodeURIComponent(commissionId)}/candidates/${encodeURIComponent(candidate)}/${action}`,
        z.unknown(),
        { method: 'POST', body },
      );
      this.failure = null;
      await this.load();
      return true;
    } catch (e) {
      this.failure = failureOf(e);
      return false;
    } finally {
      this.loading = false;
    }
  }

  async load() {
    this.loading = true;
    try {
      this.list = await api(`${base(this.examId)}/worklist`, worklistSchema);
      this.failure = null;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.loading = false;
    }
  }
}

// ---- Export (R15, R11) ----

/** `Cograde-Missing: 107,108` → ['107', '108']; an absent or empty header is an empty list. */
export const candidateList = (header: string | null): string[] =>
  (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const exportUrl = (examId: string, format: 'csv' | 'xlsx', partial: boolean) =>
  `${base(examId)}/export.${format}${partial ? '?partial=1' : ''}`;

/** The file name the server proposes in `Content-Disposition`. */
export const fileNameOf = (disposition: string | null, fallback: string): string =>
  /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;

export type ExportResult = { fileName: string; missing: string[]; withheld: string[]; partial: boolean };

export class ExportState {
  readonly examId: string;
  busy = $state(false);
  failure: Failure = $state(null);
  last: ExportResult | null = $state(null);

  constructor(examId: string) {
    this.examId = examId;
  }

  /**
   * Fetches the export, reads who is missing and withheld from its headers, and hands the file to the
   * browser as a download. A refused full export (409 `exportIncomplete`) is kept as the failure, so that
   * the screen can offer the partial export.
   */
  async download(format: 'csv' | 'xlsx', partial: boolean, save = saveBlob) {
    this.busy = true;
    this.failure = null;
    try {
      let response: Response;
      try {
        response = await fetch(exportUrl(this.examId, format, partial), { credentials: 'same-origin' });
      } catch {
        throw new ApiError('offline', 0, 'offline');
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
        throw new ApiError(
          (body.error ?? 'unexpected') as ApiError['reason'],
          response.status,
          body.message ?? body.error ?? '',
        );
      }
      const result: ExportResult = {
        fileName: fileNameOf(response.headers.get('content-disposition'), `${this.examId}-grades.${format}`),
        missing: candidateList(response.headers.get('cograde-missing')),
        withheld: candidateList(response.headers.get('cograde-withheld')),
        partial,
      };
      save(await response.blob(), result.fileName);
      this.last = result;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.busy = false;
    }
  }
}

export const saveBlob = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

// ---- Audit log (R21) ----

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string(),
  action: z.string(),
  commissionId: z.string().optional(),
  candidate: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEventSchema>;
const auditSchema = z.object({ examId: z.string(), events: z.array(auditEventSchema) });

export type AuditFilter = { action: string; candidate: string; commissionId: string };

/** The query string of the filters that are set, e.g. `?action=flag&candidate=110`. */
export const auditQuery = (filter: AuditFilter): string => {
  const params = new URLSearchParams();
  for (const key of ['action', 'candidate', 'commissionId'] as const) {
    const value = filter[key].trim();
    if (value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
};

/** A detail object as short `key: value` text for the table. */
export const detailText = (detail: Record<string, unknown>): string =>
  Object.entries(detail)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');

export class AuditState {
  readonly examId: string;
  filter: AuditFilter = $state({ action: '', candidate: '', commissionId: '' });
  events: AuditEntry[] = $state([]);
  loaded = $state(false);
  loading = $state(false);
  failure: Failure = $state(null);

  constructor(examId: string) {
    this.examId = examId;
  }

  async load() {
    this.loading = true;
    try {
      const body = await api(`${base(this.examId)}/audit${auditQuery(this.filter)}`, auditSchema);
      this.events = [...body.events].reverse();
      this.failure = null;
      this.loaded = true;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.loading = false;
    }
  }

  async clear() {
    this.filter = { action: '', candidate: '', commissionId: '' };
    await this.load();
  }
}

// ---- Grade import (R12) ----

const rowSchema = z.object({ row: z.number(), candidate: z.string() });
export const importReportSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  status: z.enum(['pending', 'accepted', 'discarded']),
  valid: z.array(rowSchema.extend({ grade: z.string() })),
  skipped: z.array(rowSchema),
  invalid: z.array(rowSchema.extend({ grade: z.string(), reason: z.string(), message: z.string() })),
  needsAcceptance: z.boolean().optional(),
  applied: z.array(
    z.object({
      candidate: z.string(),
      row: z.number(),
      grade: z.string(),
      commissionId: z.string(),
      previousGrade: z.string().optional(),
      undone: z.boolean(),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;
const undoneSchema = z.object({
  undone: z.array(z.string()),
  notUndone: z.array(z.object({ candidate: z.string(), reason: z.string() })),
});

/** Bytes as base64, in chunks (a spread of a large array overflows the call stack). */
export const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export const formatOf = (fileName: string): 'csv' | 'xlsx' | null => {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
};

export class ImportState {
  readonly examId: string;
  report: ImportReport | null = $state(null);
  busy = $state(false);
  failure: Failure = $state(null);
  notUndone: Array<{ candidate: string; reason: string }> = $state([]);

  constructor(examId: string) {
    this.examId = examId;
  }

  async upload(fileName: string, bytes: Uint8Array) {
    const format = formatOf(fileName);
    await this.#run(async () => {
      this.report = await api(`${base(this.examId)}/grade-imports`, importReportSchema, {
        method: 'POST',
        body: { fileName, ...(format ? { format } : {}), content: toBase64(bytes) },
      });
    });
  }

  async accept() {
    const report = this.report;
    if (report === null) return;
    await this.#run(async () => {
      await api(
        `${base(this.examId)}/grade-imports/${encodeURIComponent(report.importId)}/accept`,
        z.unknown(),
        {
          method: 'POST',
          body: {},
        },
      );
      await this.refresh();
    });
  }

  /** Undoes one candidate's imported grade, or every applied row without a candidate. */
  async undo(candidate?: string) {
    const report = this.report;
    if (report === null) return;
    await this.#run(async () => {
      const result = await api(
        `${base(this.examId)}/grade-imports/${encodeURIComponent(report.importId)}/undo`,
        undoneSchema,
        { method: 'POST', body: candidate === undefined ? {} : { candidate } },
      );
      this.notUndone = result.notUndone;
      await this.refresh();
    });
  }

  async refresh() {
    const report = this.report;
    if (report === null) return;
    this.report = await api(
      `${base(this.examId)}/grade-imports/${encodeURIComponent(report.importId)}`,
      importReportSchema,
    );
  }

  async #run(action: () => Promise<void>) {
    this.busy = true;
    this.failure = null;
    try {
      await action();
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.busy = false;
    }
  }
}

// ---- Statistics (R19) ----

export const appealStatisticsSchema = z.object({
  examId: z.string(),
  registered: z.number(),
  pending: z.number(),
  thirdGradings: z.number(),
  decided: z.object({
    count: z.number(),
    up: z.number(),
    down: z.number(),
    same: z.number(),
    stepGaps: z.array(z.number()),
    meanChange: z.number(),
  }),
  changed: z.number(),
});
export type AppealStatistics = z.infer<typeof appealStatisticsSchema>;

export const gradeStatisticsSchema = z.object({
  examId: z.string(),
  scale: z.string(),
  counts: z.array(z.object({ grade: z.string(), count: z.number(), share: z.number() })),
  total: z.number(),
  failShare: z.number(),
});
export type GradeStatistics = z.infer<typeof gradeStatisticsSchema>;

export class StatisticsState {
  readonly examId: string;
  grades: GradeStatistics | null = $state(null);
  appeals: AppealStatistics | null = $state(null);
  failure: Failure = $state(null);
  loaded = $state(false);

  constructor(examId: string) {
    this.examId = examId;
  }

  async load() {
    try {
      const [grades, appeals] = await Promise.all([
        api(`${base(this.examId)}/grade-statistics`, gradeStatisticsSchema),
        api(`${base(this.examId)}/appeal-statistics`, appealStatisticsSchema),
      ]);
      this.grades = grades;
      this.appeals = appeals;
      this.failure = null;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.loaded = true;
    }
  }
}

/** The grades a distribution counted, one per candidate, to add exams up across terms. */
export const gradesFromCounts = (counts: readonly { grade: string; count: number }[]): Grade[] =>
  counts.flatMap(({ grade, count }) => {
    const parsed = gradeSchema.safeParse(grade);
    return parsed.success ? Array.from({ length: count }, () => parsed.data) : [];
  });

/** Pairs the appeals' step gaps for display: `[{ steps: 0, count: 2 }, { steps: 1, count: 1 }]`. */
export const stepGapRows = (gaps: readonly number[]) =>
  gaps.map((count, steps) => ({ steps, count })).filter((r) => r.count > 0);

export type TermExam = { examId: ExamId; term: string; scale: Scale };

/**
 * R19 across terms: every exam the user oversees, its final grades added up per term and scale kind by
 * the domain's `distributionOverTerms` (letter and pass/fail grades are never mixed).
 */
export class TermStatisticsState {
  terms: TermDistribution[] = $state([]);
  failure: Failure = $state(null);
  loaded = $state(false);

  async load(exams: readonly TermExam[]) {
    try {
      const all = await Promise.all(
        exams.map(async (e) => ({
          ...e,
          grades: gradesFromCounts(
            (await api(`${base(e.examId)}/grade-statistics`, gradeStatisticsSchema)).counts,
          ),
        })),
      );
      const result = distributionOverTerms(all);
      if (result.ok) this.terms = result.terms;
      else this.failure = { reason: result.reason, message: result.detail ?? result.reason, problems: [] };
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.loaded = true;
    }
  }
}
