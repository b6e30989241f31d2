import {
  type CompositionProblem,
  checkCommissionComposition,
  type ExamKind,
  type Member,
  type Reason,
  reasons,
} from '@cograde/domain';
import { z } from 'zod';
import { api } from '../api.ts';
import { catalog } from './catalog.svelte.ts';
import { type Failure, failureOf } from './failure.ts';

const memberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  affiliation: z.enum(['internal', 'external']),
  firstTime: z.boolean(),
  extra: z.boolean(),
});
export const commissionSchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  members: z.array(memberSchema),
  candidates: z.array(z.string()),
  working: z.array(z.string()),
});
export type CommissionRow = z.infer<typeof commissionSchema>;
export const overviewSchema = z.object({
  examId: z.string(),
  examKind: z.string(),
  secondExaminerSample: z.enum(['rule', 'all']),
  supervisorSeesFinals: z.boolean(),
  candidates: z.array(z.object({ number: z.string(), attended: z.boolean() })),
  commissions: z.array(commissionSchema),
});
const peopleSchema = z.object({
  people: z.array(z.object({ userId: z.string(), displayName: z.string() })),
});
/** The exam's commissions and candidates, and the people (`GET /api/people`) members are chosen from. */
export type Overview = z.infer<typeof overviewSchema> & z.infer<typeof peopleSchema>;

const loadOverview = async (examId: string): Promise<Overview> => {
  const [overview, { people }] = await Promise.all([
    api(`/api/exams/${encodeURIComponent(examId)}/commissions`, overviewSchema),
    api('/api/people', peopleSchema),
  ]);
  return { ...overview, people };
};

export type MemberDraft = { userId: string; affiliation: 'internal' | 'external'; firstTime: boolean };
export type CommissionDraft = {
  /** The commission being changed; null for a new one. */
  id: string | null;
  name: string;
  members: MemberDraft[];
  candidates: string[];
};

export const emptyDraft = (): CommissionDraft => ({ id: null, name: '', members: [], candidates: [] });
export const draftOf = (c: CommissionRow): CommissionDraft => ({
  id: c.id,
  name: c.name,
  members: c.members
    .filter((m) => !m.extra)
    .map((m) => ({ userId: m.userId, affiliation: m.affiliation, firstTime: m.firstTime })),
  candidates: [...c.candidates],
});

/**
 * R17 as the server will decide it, while the coordinator edits: the domain's own rule on the draft, so
 * the form lists every problem before saving. The server checks again (and knows the thesis supervisors).
 */
export const draftProblems = (examKind: string, draft: CommissionDraft): CompositionProblem[] => {
  const members: Member[] = draft.members
    .filter((m) => m.userId !== '')
    .map((m) => ({ ...m, displayName: m.userId, extra: false }));
  const result = checkCommissionComposition({
    examKind: examKind as ExamKind,
    purpose: 'ordinary',
    members,
    candidates: draft.candidates.map((number) => ({ number })),
  });
  return result.ok ? [] : 'problems' in result ? result.problems : [{ reason: result.reason }];
};

export const reasonText = (reason: string, language: 'en' | 'nb'): string =>
  Object.hasOwn(reasons, reason) ? reasons[reason as Reason][language] : reason;

/** Which other commission holds each candidate, so the form can say why a box is not offered. */
export const holders = (overview: Overview, exceptId: string | null): Map<string, string> =>
  new Map(
    overview.commissions
      .filter((c) => c.id !== exceptId)
      .flatMap((c) => c.candidates.map((n): [string, string] => [n, c.name])),
  );

const base = (examId: string) => `/api/exams/${encodeURIComponent(examId)}`;

/** The coordinator's commissions screen: the overview, the form's save, "split evenly", the settings. */
export class CommissionsState {
  readonly examId: string;
  overview: Overview | null = $state(null);
  failure: Failure = $state(null);
  busy = $state(false);
  /** The last thing that went through, for a polite status line. */
  done: string | null = $state(null);

  constructor(examId: string) {
    this.examId = examId;
  }

  load() {
    return this.#run(async () => {
      this.overview = await loadOverview(this.examId);
    });
  }

  /** True when saved; a refusal stays in `failure` with every problem. */
  save(draft: CommissionDraft) {
    const body = { name: draft.name.trim(), members: draft.members, candidates: draft.candidates };
    return this.#run(async () => {
      const saved =
        draft.id === null
          ? await api(`${base(this.examId)}/commissions`, commissionSchema, { method: 'POST', body: body })
          : await api(`/api/commissions/${encodeURIComponent(draft.id)}`, commissionSchema, {
              method: 'PUT',
              body: body,
            });
      this.done = saved.name;
      this.overview = await loadOverview(this.examId);
      // A new commission's document joins the coordinator's list (home cards, presence) without a reload.
      if (draft.id === null) await catalog.load().catch(() => undefined);
    });
  }

  splitEvenly() {
    return this.#run(async () => {
      await api(`${base(this.examId)}/commissions/split-evenly`, z.unknown(), { method: 'POST', body: {} });
      this.done = 'split';
      this.overview = await loadOverview(this.examId);
    });
  }

  settings(change: { secondExaminerSample?: 'rule' | 'all'; supervisorSeesFinals?: boolean }) {
    return this.#run(async () => {
      await api(`${base(this.examId)}/oversight-settings`, z.unknown(), { method: 'PATCH', body: change });
      this.done = 'settings';
      this.overview = await loadOverview(this.examId);
    });
  }

  async #run(action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.failure = null;
    this.done = null;
    try {
      await action();
      return true;
    } catch (e) {
      this.failure = failureOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
