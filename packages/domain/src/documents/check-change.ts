import type { Exam } from '../exam.ts';
import type { CandidateNumber, UserId } from '../ids.ts';
import { ok, type Result, refuse } from '../result.ts';
import type { DocKind } from './doc-names.ts';
import type { CandidateKey, CandidateQuestionKey, CandidateTextKey } from './keys.ts';
import {
  acceptsValue,
  type CandidateState,
  type CommissionInfo,
  docSchemas,
  type RootSpec,
} from './schema.ts';

/** One entry of one root map that an incoming update sets or deletes. */
export type Change = { root: string; key: string; deleted: boolean; value?: unknown };

/** What the server knows when it decides on a client's change; built from its own copy of the documents. */
export type WriteContext =
  | {
      kind: 'commission';
      actorId: UserId;
      exam: Exam;
      commission: CommissionInfo;
      candidates: ReadonlyMap<CandidateNumber, CandidateState>;
      /** Candidates whose final grade is registered (R6). */
      locked: ReadonlySet<CandidateNumber>;
    }
  | {
      kind: 'private';
      actorId: UserId;
      ownerId: UserId;
      exam: Exam;
      candidates: ReadonlyMap<CandidateNumber, CandidateState>;
      locked: ReadonlySet<CandidateNumber>;
    }
  | { kind: Exclude<DocKind, 'commission' | 'private'>; actorId: UserId };

const specOf = (kind: DocKind, root: string): RootSpec | undefined =>
  Object.hasOwn(docSchemas[kind], root) ? (docSchemas[kind] as Record<string, RootSpec>)[root] : undefined;

const checkCandidate = (
  ctx: { actorId: UserId; candidates: ReadonlyMap<CandidateNumber, CandidateState> },
  candidate: CandidateNumber,
): Result => {
  const state = ctx.candidates.get(candidate);
  if (state === undefined) return refuse('unknownCandidate', `candidate ${candidate}`);
  // R16: a disqualified examiner no longer sees the candidate, so cannot write for them either.
  if (state.disqualified.includes(ctx.actorId)) return refuse('unknownCandidate', `candidate ${candidate}`);
  if (!state.attended) return refuse('notAttended', `candidate ${candidate}`);
  return accepted;
};

const checkPoints = (exam: Exam, key: CandidateQuestionKey, points: unknown): Result => {
  const question = exam.questions.find((q) => q.id === key.question);
  if (question === undefined) return refuse('unknownQuestion', `question ${key.question}`);
  if (typeof points === 'number' && points > question.maxPoints) {
    return refuse('pointsOutOfRange', `${points} > ${question.maxPoints} on ${question.label}`);
  }
  return accepted;
};

const checkLock = (locked: ReadonlySet<CandidateNumber>, candidate: CandidateNumber): Result =>
  locked.has(candidate) ? refuse('locked', `candidate ${candidate}`) : accepted;

const accepted: Result = Object.freeze(ok());

/**
 * Decides whether a client may make one change to a document: the key and value must fit the document's
 * schema, the root must be one clients write, and the grading rules must allow it. An update is accepted
 * only if every one of its changes is.
 */
export const checkChange = (ctx: WriteContext, change: Change): Result => {
  const spec = specOf(ctx.kind, change.root);
  if (spec === undefined) return refuse('unknownRoot', change.root);
  if (spec.writer === 'server') return refuse('serverOnly', change.root);
  const key = spec.parseKey(change.key);
  if (key === null) return refuse('badKey', `${change.root}/${change.key}`);
  if (!change.deleted && !acceptsValue(spec, change.value)) {
    return refuse('badValue', `${change.root}/${change.key}`);
  }
  // Each check runs only when the ones before it passed: the first refusal is the reason.
  switch (ctx.kind) {
    case 'commission': {
      if (change.root === 'marks') {
        const k = key as CandidateQuestionKey;
        if (ctx.exam.policies.marksMode !== 'shared') return refuse('marksNotShared');
        const candidate = checkCandidate(ctx, k.candidate);
        if (!candidate.ok) return candidate;
        const points = checkPoints(ctx.exam, k, change.value);
        if (!points.ok) return points;
        const lock = checkLock(ctx.locked, k.candidate);
        if (!lock.ok) return lock;
        const owner = ctx.commission.split[k.question];
        return ctx.exam.policies.enforceSplit && owner !== undefined && owner !== ctx.actorId
          ? refuse('notYourQuestion', `question ${k.question}`)
          : accepted;
      }
      const k = key as CandidateTextKey;
      const candidate = checkCandidate(ctx, k.candidate);
      return candidate.ok ? checkLock(ctx.locked, k.candidate) : candidate;
    }
    case 'private': {
      if (ctx.actorId !== ctx.ownerId) return refuse('notYourPrivateData');
      if (change.root === 'marks') {
        const k = key as CandidateQuestionKey;
        const candidate = checkCandidate(ctx, k.candidate);
        if (!candidate.ok) return candidate;
        const points = checkPoints(ctx.exam, k, change.value);
        return points.ok ? checkLock(ctx.locked, k.candidate) : points;
      }
      // Private notes are not part of the grade, so a lock does not freeze them.
      return checkCandidate(ctx, (key as CandidateKey).candidate);
    }
    default:
      // Every root of the other kinds is written by the server alone, refused above.
      return refuse('serverOnly', change.root);
  }
};
