import type { AppealId, CommissionId, ExamId, UserId } from '../ids.ts';
import { idSchema } from '../ids.ts';

/**
 * Documents are partitioned by audience so that access is decided per document:
 * - `exam:<examId>`                    exam metadata: questions, scale, policies, status
 * - `commission:<commissionId>`        one per commission (ordinary, appeal or third grading): shared marks,
 *                                      comments, explanations, confirmations, final grades, locks
 * - `private:<commissionId>:<userId>`  one per examiner per commission: individual marks, private notes,
 *                                      refused changes
 * - `appeal:<appealId>`                the appeal record the appeal examiners may see (never the reasons)
 * - `progress:<examId>`                server-written progress for coordinators and supervisors
 */
export type DocRef =
  | { kind: 'exam'; examId: ExamId }
  | { kind: 'commission'; commissionId: CommissionId }
  | { kind: 'private'; commissionId: CommissionId; userId: UserId }
  | { kind: 'appeal'; appealId: AppealId }
  | { kind: 'progress'; examId: ExamId };
export type DocKind = DocRef['kind'];
export const docKinds = [
  'exam',
  'commission',
  'private',
  'appeal',
  'progress',
] as const satisfies readonly DocKind[];

export const docName = (ref: DocRef): string => {
  switch (ref.kind) {
    case 'exam':
      return `exam:${ref.examId}`;
    case 'commission':
      return `commission:${ref.commissionId}`;
    case 'private':
      return `private:${ref.commissionId}:${ref.userId}`;
    case 'appeal':
      return `appeal:${ref.appealId}`;
    case 'progress':
      return `progress:${ref.examId}`;
  }
};

const isId = (s: string | undefined): s is string => s !== undefined && idSchema.safeParse(s).success;

/** Parses a document name from the wire; `null` for anything that is not exactly one of the forms above. */
export const parseDocName = (name: string): DocRef | null => {
  const [kind, a, b, ...rest] = name.split(':');
  if (rest.length > 0 || !isId(a)) return null;
  if (kind === 'private') return isId(b) ? { kind, commissionId: a, userId: b } : null;
  if (b !== undefined) return null;
  switch (kind) {
    case 'exam':
    case 'progress':
      return { kind, examId: a };
    case 'commission':
      return { kind, commissionId: a };
    case 'appeal':
      return { kind, appealId: a };
    default:
      return null;
  }
};
