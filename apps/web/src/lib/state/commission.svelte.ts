import {
  type Actor,
  type CandidateNumber,
  type CommissionDoc,
  type CommissionInfo,
  can,
  commissionDoc,
  commissionSample,
  docAccess,
  docName,
  type Exam,
  examDoc,
  excusedBySample,
  type Grade,
  type Grant,
  type Marks,
  mayConfirmFinalGrade,
  type PrivateDoc,
  privateDoc,
  type Question,
  type SampleView,
  type TextField,
  whoDecides,
} from '@cograde/domain';
import { ApiError, anything, api } from '../api.ts';
import {
  type CommissionView,
  candidateStatus,
  candidateTotals,
  commissionProgress,
  confirmedMarks,
  enteredPoints,
  marksAreShared,
  pointsOf,
  visibleCandidates,
} from '../grading/commission-model.ts';
import { deadline } from '../grading/deadline.svelte.ts';
import type { SyncedDoc } from '../sync/synced-doc.svelte.ts';
import type { DocRegistry } from './docs.svelte.ts';
import { lastValue, rememberRead } from './remembered.ts';

/** The commission document's reads, each parsed once per version of the document. */
const commissionReads = (doc: SyncedDoc['doc']): CommissionDoc => {
  const d = commissionDoc(doc);
  return {
    ...d,
    info: rememberRead(d.info),
    candidate: rememberRead(d.candidate),
    candidateNumbers: rememberRead(d.candidateNumbers),
    mark: rememberRead(d.mark),
    autoPoints: rememberRead(d.autoPoints),
    text: rememberRead(d.text),
    confirmation: rememberRead(d.confirmation),
    confirmations: rememberRead(d.confirmations),
    final: rememberRead(d.final),
    hold: rememberRead(d.hold),
    imported: rememberRead(d.imported),
    sampleFlag: rememberRead(d.sampleFlag),
  };
};

/** The private document's reads, each parsed once per version of the document. */
const privateReads = (doc: SyncedDoc['doc']): PrivateDoc => {
  const d = privateDoc(doc);
  return { ...d, mark: rememberRead(d.mark), note: rememberRead(d.note), refusals: rememberRead(d.refusals) };
};

/**
 * The actor as `can()` sees it: the grants the server listed at login, plus membership as the commission
 * document states it (so that a role given during the session counts at once).
 */
const actorOf = (userId: string, grants: readonly Grant[], info: CommissionInfo | undefined): Actor => {
  const member =
    info?.members.some((m) => m.userId === userId) === true &&
    !grants.some((g) => g.role === 'examiner' && g.commissionId === info.id);
  return {
    userId,
    grants: member
      ? [...grants, { role: 'examiner', examId: info.examId, commissionId: info.id, purpose: info.purpose }]
      : grants,
  };
};

/**
 * One commission as one examiner works on it: the commission document, their private document and the
 * exam document, read through the domain's accessors and rules. Components read and dispatch here.
 */
export class CommissionState {
  readonly commissionId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly grants: readonly Grant[];
  readonly commissionDocument: SyncedDoc;
  #registry: DocRegistry;
  #commissionReads = lastValue<CommissionDoc>();
  #privateReads = lastValue<PrivateDoc>();
  #exam = lastValue<Exam | undefined>();
  #view = lastValue<CommissionView>();
  #sample = lastValue<SampleView>();

  constructor(
    registry: DocRegistry,
    commissionId: string,
    me: { userId: string; displayName: string; roles?: readonly Grant[] },
  ) {
    this.grants = me.roles ?? [];
    this.#registry = registry;
    this.commissionId = commissionId;
    this.userId = me.userId;
    this.displayName = me.displayName;
    this.commissionDocument = registry.get(docName({ kind: 'commission', commissionId }));
  }

  /** The commission document's reads at its current version (which the caller then depends on). */
  get #commission(): CommissionDoc {
    const { doc, version } = this.commissionDocument;
    return this.#commissionReads([doc, version], () => commissionReads(doc));
  }

  get #own(): PrivateDoc | null {
    const own = this.privateDocument;
    if (own === null) return null;
    const { doc, version } = own;
    return this.#privateReads([doc, version], () => privateReads(doc));
  }

  get info(): CommissionInfo | undefined {
    return this.#commission.info();
  }

  /** R20: the examiner's own document; only members have one (a coordinator reading along does not). */
  get privateDocument(): SyncedDoc | null {
    const info = this.info;
    if (info === undefined || !info.members.some((m) => m.userId === this.userId)) return null;
    return this.#registry.get(
      docName({ kind: 'private', commissionId: this.commissionId, userId: this.userId }),
    );
  }

  get examDocument(): SyncedDoc | null {
    const info = this.info;
    return info ? this.#registry.get(docName({ kind: 'exam', examId: info.examId })) : null;
  }

  get exam(): Exam | undefined {
    const d = this.examDocument;
    if (d === null) return undefined;
    const { doc, version } = d;
    return this.#exam([doc, version], () => examDoc(doc).exam());
  }

  /** Everything the rules read, re-read whenever one of the three documents changes. */
  get view(): CommissionView | null {
    const exam = this.exam;
    if (exam === undefined) return null;
    const commission = this.#commission;
    const own = this.#own;
    return this.#view([exam, commission, own], () => ({ exam, commission, own, userId: this.userId }));
  }

  /**
   * R8: the second examiner's sample as the server decides registrations by it, worked out once per
   * version of the documents: it reads every candidate's grade, and each candidate's decision asks for it.
   */
  get sample(): SampleView | null {
    const v = this.view;
    const info = this.info;
    if (v === null || info === undefined) return null;
    return this.#sample([v.exam, v.commission], () => commissionSample(v.exam, info, v.commission));
  }

  get actor(): Actor {
    return actorOf(this.userId, this.grants, this.info);
  }

  /** Access from `docAccess()`, narrowed by what the server said when the connection opened. */
  get canWrite(): boolean {
    const info = this.info;
    if (info === undefined) return false;
    const resource = { kind: 'commission', examId: info.examId, commissionId: info.id } as const;
    const marksDoc =
      this.view && !marksAreShared(this.view.exam) ? this.privateDocument : this.commissionDocument;
    return docAccess(this.actor, resource) === 'write' && marksDoc !== null && marksDoc.access !== 'read';
  }

  /**
   * Whether the document the examiner's marks go into holds what this device stored (or what the server
   * holds). Before that, a mark typed would race the stored one: Yjs keeps one of two concurrent writes
   * to a key by client id, not by time, so the older, stored mark could replace the one just typed. In
   * individual mode the private document is opened only once the commission names its members, so it
   * can still be loading when the commission's screen is drawn.
   */
  get marksLoaded(): boolean {
    const v = this.view;
    if (v === null) return false;
    return marksAreShared(v.exam) ? this.commissionDocument.holdsStored : this.notesLoaded;
  }

  /** Whether the examiner's private document (notes; marks in individual mode) is read: see `marksLoaded`. */
  get notesLoaded(): boolean {
    return this.privateDocument?.holdsStored === true;
  }

  get mayReadAnswers(): boolean {
    const info = this.info;
    const exam = this.exam;
    if (info === undefined || exam === undefined) return false;
    return can(this.actor, 'read', {
      kind: 'answers',
      examId: exam.id,
      commissionId: info.id,
      examStatus: exam.status,
    });
  }

  get candidates(): CandidateNumber[] {
    const v = this.view;
    return v ? visibleCandidates(v) : [];
  }

  get progress() {
    const v = this.view;
    return v ? commissionProgress(v) : { total: 0, graded: 0, confirmed: 0, locked: 0 };
  }

  /** R14: the date and the working days left, from the exam date and the policy. */
  deadline(today: string) {
    const exam = this.exam;
    return exam === undefined ? null : deadline(exam.date, exam.policies.gradingDeadline, today);
  }

  status(candidate: CandidateNumber) {
    const v = this.view;
    return v ? candidateStatus(v, candidate) : 'open';
  }

  totals(candidate: CandidateNumber) {
    const v = this.view;
    return v ? candidateTotals(v, candidate) : null;
  }

  entered(candidate: CandidateNumber, question: Question) {
    const v = this.view;
    return v ? enteredPoints(v, candidate, question) : undefined;
  }

  /** The points that count, with their source: manual, auto or an override of the auto score (R18). */
  points(candidate: CandidateNumber, question: Question) {
    const v = this.view;
    return v ? pointsOf(v, candidate, question) : undefined;
  }

  auto(candidate: CandidateNumber, question: Question) {
    return this.#commission.autoPoints(candidate, question.id);
  }

  othersConfirmed(candidate: CandidateNumber, question: Question) {
    const v = this.view;
    return v ? confirmedMarks(v, candidate, question) : [];
  }

  final(candidate: CandidateNumber) {
    return this.#commission.final(candidate);
  }

  hold(candidate: CandidateNumber) {
    return this.#commission.hold(candidate);
  }

  isLocked(candidate: CandidateNumber): boolean {
    return this.final(candidate) !== undefined;
  }

  text(candidate: CandidateNumber, field: TextField): string {
    return this.#commission.text(candidate, field);
  }

  note(candidate: CandidateNumber): string {
    return this.#own?.note(candidate) ?? '';
  }

  memberName(userId: string): string {
    return this.info?.members.find((m) => m.userId === userId)?.displayName ?? userId;
  }

  splitOwner(question: Question): string | undefined {
    const owner = this.info?.split[question.id];
    return owner === undefined ? undefined : this.memberName(owner);
  }

  get peers() {
    return this.commissionDocument.peers;
  }

  /** R4: with the split enforced, a member changes only the questions assigned to them (or to nobody). */
  mayMark(question: Question): boolean {
    const exam = this.exam;
    const owner = this.info?.split[question.id];
    return !(exam?.policies.enforceSplit === true && owner !== undefined && owner !== this.userId);
  }

  /** Sets or clears points; refuses locally what the server would refuse anyway (locked, out of range). */
  setPoints(candidate: CandidateNumber, question: Question, points: number | undefined): boolean {
    const v = this.view;
    if (
      v === null ||
      !this.canWrite ||
      !this.marksLoaded ||
      this.isLocked(candidate) ||
      !this.mayMark(question)
    )
      return false;
    if (points !== undefined && (!Number.isFinite(points) || points < 0 || points > question.maxPoints))
      return false;
    if (this.entered(candidate, question) === points) return true;
    if (marksAreShared(v.exam))
      commissionDoc(this.commissionDocument.doc).setMark(candidate, question.id, points);
    else if (this.privateDocument)
      privateDoc(this.privateDocument.doc).setMark(candidate, question.id, points);
    else return false;
    return true;
  }

  setText(candidate: CandidateNumber, field: TextField, value: string) {
    if (!this.canWrite || this.isLocked(candidate) || this.text(candidate, field) === value) return;
    commissionDoc(this.commissionDocument.doc).setText(candidate, field, value);
  }

  setNote(candidate: CandidateNumber, value: string) {
    if (this.note(candidate) === value) return;
    const own = this.privateDocument;
    if (own && this.notesLoaded) privateDoc(own.doc).setNote(candidate, value);
  }

  /**
   * R5: who has confirmed which grade, and whether the final grade may be registered now (with what
   * stands in the way when it may not). The server decides again when it is asked.
   */
  decision(candidate: CandidateNumber) {
    const v = this.view;
    const info = this.info;
    const sample = this.sample;
    if (v === null || info === undefined || sample === null) return null;
    const confirmations = v.commission.confirmations(candidate);
    const individualMarks = new Map<string, Marks>();
    for (const c of confirmations) if (c.marks) individualMarks.set(c.userId, c.marks);
    // R7: the same decider the server applies, so a disagreement reads here as it will be registered.
    const decides = whoDecides({ examKind: v.exam.kind, purpose: info.purpose, members: info.members });
    const decider = decides.ok ? decides.decider : undefined;
    const registration = mayConfirmFinalGrade({
      policies: v.exam.policies,
      questions: v.exam.questions,
      members: info.members,
      confirmations,
      individualMarks,
      cheatingSuspected: v.commission.hold(candidate) !== undefined,
      ...(decider === undefined ? {} : { decider }),
      // R8: the sample the server decides registrations by, read from the same document.
      excused: excusedBySample(sample, candidate),
    });
    const resource = { kind: 'commission', examId: info.examId, commissionId: info.id } as const;
    return {
      members: info.members
        .filter((m) => !m.extra)
        .map((m) => ({
          userId: m.userId,
          name: m.displayName,
          confirmation: confirmations.find((c) => c.userId === m.userId),
        })),
      mine: confirmations.find((c) => c.userId === this.userId),
      mayConfirm: can(this.actor, 'confirm', resource),
      mayRegister: can(this.actor, 'register', resource),
      decider,
      registration,
    };
  }

  /** Server actions: they need the network; the result arrives through the commission document. */
  async #act(
    candidate: CandidateNumber,
    action: 'confirm' | 'register' | 'flag' | 'disqualify' | 'request-reopen',
    body?: unknown,
  ) {
    const path = `/api/commissions/${encodeURIComponent(this.commissionId)}/candidates/${encodeURIComponent(candidate)}/${action}`;
    try {
      // The server takes every action as JSON, an empty object when there is nothing to say.
      await api(path, anything, { method: 'POST', body: body ?? {} });
      return null;
    } catch (e) {
      return e instanceof ApiError ? e.reason : 'unexpected';
    }
  }

  confirm(candidate: CandidateNumber, grade: Grade) {
    return this.#act(candidate, 'confirm', { grade });
  }

  register(candidate: CandidateNumber) {
    return this.#act(candidate, 'register');
  }

  /** What an examiner may report about a candidate besides grading it (R6, R11, R16). */
  reports(candidate: CandidateNumber) {
    const info = this.info;
    if (info === undefined) return { flag: false, disqualify: false, requestReopen: false };
    const resource = { kind: 'commission', examId: info.examId, commissionId: info.id } as const;
    const locked = this.isLocked(candidate);
    return {
      flag: !locked && this.hold(candidate) === undefined && can(this.actor, 'flag', resource),
      disqualify: !locked && can(this.actor, 'disqualify', resource),
      requestReopen: locked && can(this.actor, 'confirm', resource),
    };
  }

  /** R11: a cheating suspicion; the reasons reach the coordinator and the audit log, never the candidate. */
  flag(candidate: CandidateNumber, reason: string) {
    return this.#act(candidate, 'flag', { reason });
  }

  /** R16: the candidate leaves this examiner's view; the coordinator is told. */
  disqualify(candidate: CandidateNumber, reason: string) {
    return this.#act(candidate, 'disqualify', reason.trim() === '' ? {} : { reason });
  }

  /** R6: only a coordinator reopens a registered grade; an examiner asks with a reason. */
  requestReopen(candidate: CandidateNumber, reason: string) {
    return this.#act(candidate, 'request-reopen', { reason });
  }

  /** Tells co-examiners where this examiner is. */
  focus(place: { candidate?: string; question?: string }) {
    this.commissionDocument.setPresence({ userId: this.userId, name: this.displayName, ...place });
  }
}

const states = new Map<string, CommissionState>();

/** One state per commission and user for the whole session, shared by the home page and the grading view. */
export const commissionState = (
  registry: DocRegistry,
  commissionId: string,
  me: { userId: string; displayName: string; roles?: readonly Grant[] },
) => {
  const key = `${commissionId}:${me.userId}`;
  let state = states.get(key);
  if (state === undefined) {
    state = new CommissionState(registry, commissionId, me);
    states.set(key, state);
  }
  return state;
};

export const forgetCommissionStates = () => states.clear();
