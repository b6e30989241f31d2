import { commissionDoc, gradeSchema, type Member } from '@cograde/domain';
import { z } from 'zod';
import { api, type Problem } from '../api.ts';
import type { DocEntry } from './catalog.svelte.ts';
import type { DocRegistry } from './docs.svelte.ts';
import { failureOf, problemsOf } from './failure.ts';

/**
 * The coordinator's appeals of one exam (R9, R10, R17): the list with every step's grade, registering an
 * appeal with its blind commission, and forming a third grading by hand when the exam's policy could not.
 */
const base = (examId: string) => `/api/exams/${encodeURIComponent(examId)}/appeals`;

const appealSummarySchema = z.object({
  appealId: z.string(),
  candidate: z.string(),
  status: z.enum(['registered', 'grading', 'thirdGrading', 'decided']),
  registeredAt: z.string(),
  reasons: z.string(),
  ordinaryCommissionId: z.string(),
  appealCommissionId: z.string().optional(),
  thirdCommissionId: z.string().optional(),
  ordinaryGrade: gradeSchema.optional(),
  appealGrade: gradeSchema.optional(),
  thirdGrade: gradeSchema.optional(),
  finalGrade: gradeSchema.optional(),
});
export type AppealSummary = z.infer<typeof appealSummarySchema>;
const listSchema = z.object({ appeals: z.array(appealSummarySchema) });
const registeredSchema = z.object({ appealId: z.string(), commissionId: z.string() });
const formedSchema = z.object({ commissionId: z.string() });

/** A possible commission member: who they are and the affiliation their commissions give them. */
export type Person = { userId: string; displayName: string; affiliation: Member['affiliation'] | null };
export type MemberChoice = { userId: string; affiliation: Member['affiliation'] };

/** `GET /api/people`: every user a coordinator may form a commission from. */
const peopleSchema = z.object({
  people: z.array(z.object({ userId: z.string(), displayName: z.string() })),
});

/**
 * The people a coordinator can pick: every member of the exam's commissions (read from the commission
 * documents the coordinator reads along, with the affiliation they hold there), then anyone else the
 * server lists as a possible member.
 */
export const peopleOf = (
  registry: DocRegistry,
  entries: readonly DocEntry[],
  examId: string,
  listed: readonly { userId: string; displayName: string }[],
): Person[] => {
  const byId = new Map<string, Person>();
  for (const entry of entries) {
    if (entry.ref.kind !== 'commission') continue;
    const d = registry.get(entry.docName);
    d.version;
    const info = commissionDoc(d.doc).info();
    if (info === undefined || info.examId !== examId) continue;
    for (const m of info.members)
      if (!byId.has(m.userId))
        byId.set(m.userId, { userId: m.userId, displayName: m.displayName, affiliation: m.affiliation });
  }
  for (const p of listed)
    if (!byId.has(p.userId))
      byId.set(p.userId, { userId: p.userId, displayName: p.displayName, affiliation: null });
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
};

export class AppealsState {
  readonly examId: string;
  appeals: AppealSummary[] = $state([]);
  listed: Array<{ userId: string; displayName: string }> = $state([]);
  loaded = $state(false);
  busy = $state(false);
  /** What the last load failed with. */
  failure: Problem[] = $state([]);
  /** What the last registration or third grading was refused for, every problem listed. */
  problems: Problem[] = $state([]);
  /** Which form the problems belong to: `register`, or the appeal whose third grading was refused. */
  problemsAt = $state('');
  /** The appeal the last successful action concerned. */
  done: { kind: 'registered' | 'thirdGrading'; appealId: string; commissionId: string } | null = $state(null);

  constructor(examId: string) {
    this.examId = examId;
  }

  async load() {
    try {
      this.appeals = (await api(base(this.examId), listSchema)).appeals;
      this.failure = [];
    } catch (e) {
      this.failure = problemsOf(failureOf(e));
    } finally {
      this.loaded = true;
    }
    // Everyone the server offers as a member; the commission documents name the exam's examiners anyway.
    try {
      this.listed = (await api('/api/people', peopleSchema)).people;
    } catch {
      this.listed = [];
    }
  }

  /** The coordinator asked again: what the last action said is old news. */
  refresh() {
    this.done = null;
    this.problems = [];
    return this.load();
  }

  register(input: { candidate: string; reasons: string; members: MemberChoice[] }) {
    return this.#act('register', async () => {
      const r = await api(base(this.examId), registeredSchema, { method: 'POST', body: input });
      this.done = { kind: 'registered', appealId: r.appealId, commissionId: r.commissionId };
    });
  }

  /** R10: when the exam's policy could not form the third grading, the coordinator names its members. */
  formThirdGrading(appealId: string, members: MemberChoice[]) {
    return this.#act(appealId, async () => {
      const r = await api(
        `${base(this.examId)}/${encodeURIComponent(appealId)}/third-grading`,
        formedSchema,
        {
          method: 'POST',
          body: { members },
        },
      );
      this.done = { kind: 'thirdGrading', appealId, commissionId: r.commissionId };
    });
  }

  async #act(at: string, action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.problems = [];
    this.problemsAt = at;
    this.done = null;
    try {
      await action();
      await this.load();
      return true;
    } catch (e) {
      this.problems = problemsOf(failureOf(e));
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** A third grading the policy could not form: the appeal waits in `thirdGrading` without a commission. */
export const awaitsThirdCommission = (a: AppealSummary) =>
  a.status === 'thirdGrading' && a.thirdCommissionId === undefined;
