import {
  type Change,
  checkChange,
  commissionDoc,
  type DocRef,
  describeUpdate,
  docName,
  examDoc,
  type Reason,
  type RefusedChangeWithReason,
  type Result,
  readEntries,
  refuse,
  type UserId,
  type WriteContext,
} from '@cograde/domain';
import type * as Y from 'yjs';
import type { Room } from './room.ts';

/** The documents whose content the rules read when deciding on a change to `ref`. */
export const dependencyNames = (ref: DocRef, examId: string): string[] => {
  switch (ref.kind) {
    case 'commission':
      return [docName({ kind: 'exam', examId })];
    case 'private':
      return [
        docName({ kind: 'exam', examId }),
        docName({ kind: 'commission', commissionId: ref.commissionId }),
      ];
    default:
      return [];
  }
};

const commissionFacts = (commission: Room) =>
  commission.derive('commission-facts', ['candidates', 'finals'], (doc) => ({
    candidates: new Map(readEntries(doc, 'commission', 'candidates')),
    locked: new Set(readEntries(doc, 'commission', 'finals').map(([candidate]) => candidate)),
  }));
const examOf = (room: Room | undefined) => room?.derive('exam', ['exam'], (doc) => examDoc(doc).exam());
const infoOf = (room: Room) => room.derive('info', ['info'], (doc) => commissionDoc(doc).info());

/**
 * What the rules need to decide on a change, read from the server's own copies of the documents,
 * never from the client. Missing exam or commission data refuses every client change.
 */
export const writeContext = (
  ref: DocRef,
  room: Room,
  dependencies: readonly Room[],
  actorId: UserId,
): Result<{ ctx: WriteContext }> => {
  switch (ref.kind) {
    case 'commission': {
      const exam = examOf(dependencies[0]);
      const commission = infoOf(room);
      if (!exam || !commission) return refuse('notFound', 'the exam or commission is not set up');
      return {
        ok: true,
        ctx: { kind: 'commission', actorId, exam, commission, ...commissionFacts(room) },
      };
    }
    case 'private': {
      const exam = examOf(dependencies[0]);
      const commission = dependencies[1];
      if (!exam || !commission) return refuse('notFound', 'the exam or commission is not set up');
      return {
        ok: true,
        ctx: { kind: 'private', actorId, ownerId: ref.userId, exam, ...commissionFacts(commission) },
      };
    }
    default:
      return { ok: true, ctx: { kind: ref.kind, actorId } };
  }
};

export type Decision =
  | { ok: true }
  | { ok: false; reason: Reason; detail?: string; changes: RefusedChangeWithReason[] };

const maxListedChanges = 1000;

const refusedChange = (change: Change, reason: Reason, detail?: string): RefusedChangeWithReason => ({
  root: change.root.slice(0, 100),
  key: change.key.slice(0, 200),
  deleted: change.deleted,
  ...(change.deleted ? {} : { value: change.value }),
  reason,
  ...(detail === undefined ? {} : { detail: detail.slice(0, 1000) }),
});

/**
 * Decides on a client's update before anything of it is applied: every change it makes must pass the
 * rules, or the whole update is refused, listing each change that failed.
 */
export const decideUpdate = (ctx: WriteContext, doc: Y.Doc, update: Uint8Array): Decision => {
  const described = describeUpdate(doc, update);
  if (!described.ok) {
    return { ok: false, reason: described.reason, ...detailOf(described.detail), changes: [] };
  }
  const failed: RefusedChangeWithReason[] = [];
  for (const change of described.changes) {
    const result = checkChange(ctx, change);
    if (!result.ok && failed.length < maxListedChanges)
      failed.push(refusedChange(change, result.reason, result.detail));
  }
  const first = failed[0];
  if (first === undefined) return { ok: true };
  return { ok: false, reason: first.reason, ...detailOf(first.detail), changes: failed };
};

const detailOf = (detail: string | undefined) =>
  detail === undefined ? {} : { detail: detail.slice(0, 1000) };
