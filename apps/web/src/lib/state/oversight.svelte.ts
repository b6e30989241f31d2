import {
  type CommissionProgress,
  commissionDoc,
  docName,
  type Exam,
  examDoc,
  type Grant,
  progressDoc,
} from '@cograde/domain';
import type { SyncedDoc } from '../sync/synced-doc.svelte.ts';
import type { DocEntry } from './catalog.svelte.ts';
import type { DocRegistry } from './docs.svelte.ts';

export type OversightRole = 'coordinator' | 'supervisor';
export type OversightExam = { examId: string; role: OversightRole; title: string };

/**
 * The exams the user oversees: every `progress:<examId>` document the server lists, with the strongest
 * grant the user holds on that exam (a coordinator who is also supervisor coordinates).
 */
export const oversightExams = (grants: readonly Grant[], entries: readonly DocEntry[]): OversightExam[] =>
  entries.flatMap((e) => {
    if (e.ref.kind !== 'progress') return [];
    const { examId } = e.ref;
    const role: OversightRole | null = grants.some((g) => g.role === 'coordinator' && g.examId === examId)
      ? 'coordinator'
      : grants.some((g) => g.role === 'supervisor' && g.examId === examId)
        ? 'supervisor'
        : null;
    return role === null ? [] : [{ examId, role, title: e.title }];
  });

export type ProgressSummary = {
  total: number;
  graded: number;
  confirmed: number;
  locked: number;
  overdue: number;
  online: number;
};

/** The whole exam at a glance: the commissions' counts added up. */
export const summarize = (commissions: readonly CommissionProgress[]): ProgressSummary => ({
  total: commissions.reduce((s, c) => s + c.total, 0),
  graded: commissions.reduce((s, c) => s + c.graded, 0),
  confirmed: commissions.reduce((s, c) => s + c.confirmed, 0),
  locked: commissions.reduce((s, c) => s + c.locked, 0),
  overdue: commissions.filter((c) => c.overdue).length,
  online: new Set(commissions.flatMap((c) => c.online)).size,
});

/** Overdue commissions first, then the fewest working days left, then by name. */
export const byUrgency = (a: CommissionProgress, b: CommissionProgress): number =>
  Number(b.overdue) - Number(a.overdue) ||
  a.remainingWorkingDays - b.remainingWorkingDays ||
  a.name.localeCompare(b.name, undefined, { numeric: true });

/**
 * One exam's live progress (R14) as the server writes it into `progress:<examId>`: read through the
 * synced-document layer, so that it changes as soon as the server recounts, without polling.
 */
export class ExamProgress {
  readonly examId: string;
  readonly role: OversightRole;
  readonly progressDocument: SyncedDoc;
  readonly examDocument: SyncedDoc;
  readonly userId: string;
  #registry: DocRegistry;

  constructor(registry: DocRegistry, examId: string, role: OversightRole, userId = '') {
    this.#registry = registry;
    this.userId = userId;
    this.examId = examId;
    this.role = role;
    this.progressDocument = registry.get(docName({ kind: 'progress', examId }));
    this.examDocument = registry.get(docName({ kind: 'exam', examId }));
  }

  get exam(): Exam | undefined {
    this.examDocument.version;
    return examDoc(this.examDocument.doc).exam();
  }

  get commissions(): CommissionProgress[] {
    this.progressDocument.version;
    return progressDoc(this.progressDocument.doc).commissions().sort(byUrgency);
  }

  get summary(): ProgressSummary {
    return summarize(this.commissions.map((c) => ({ ...c, online: this.online(c).map((u) => u.userId) })));
  }

  /**
   * Who is online in a commission: whoever the server marked in the progress document, and, for a
   * coordinator, who is present in the commission document (presence is shared with every reader of a
   * commission document, R9); the user themself is left out.
   */
  online(c: CommissionProgress): Array<{ userId: string; name: string }> {
    const byId = new Map(c.online.map((id) => [id, this.nameOf(c.commissionId, id)]));
    if (this.role === 'coordinator') {
      const doc = this.#registry.get(docName({ kind: 'commission', commissionId: c.commissionId }));
      for (const peer of doc.peers) byId.set(peer.userId, peer.name || peer.userId);
    }
    byId.delete(this.userId);
    return [...byId].map(([userId, name]) => ({ userId, name }));
  }

  /** Until the first sync (or the local copy) arrives, nothing is known. */
  get loaded(): boolean {
    return this.progressDocument.holdsStored || this.commissions.length > 0;
  }

  /**
   * A display name for an online user: coordinators may read the commission documents, whose member
   * lists carry names; otherwise (the supervisor) the user id is all there is.
   */
  nameOf(commissionId: string, userId: string): string {
    if (this.role !== 'coordinator') return userId;
    const doc = this.#registry.get(docName({ kind: 'commission', commissionId }));
    doc.version;
    const member = commissionDoc(doc.doc)
      .info()
      ?.members.find((m) => m.userId === userId);
    return member?.displayName ?? userId;
  }
}

const cache = new Map<string, ExamProgress>();

/** One `ExamProgress` per registry, exam and role, kept while the user moves between screens. */
export const examProgress = (
  registry: DocRegistry,
  examId: string,
  role: OversightRole,
  userId: string,
): ExamProgress => {
  const key = `${examId}/${role}/${userId}`;
  let state = cache.get(key);
  if (state === undefined) {
    state = new ExamProgress(registry, examId, role, userId);
    cache.set(key, state);
  }
  return state;
};

export const clearExamProgress = () => cache.clear();
