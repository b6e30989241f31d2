import {
  type Commission,
  type CommissionProgress,
  commissionDoc,
  commissionMarks,
  commissionSample,
  docName,
  type Exam,
  excusedBySample,
  gradingDeadline,
  gradingMembers,
  isOverdue,
  remainingWorkingDays,
  rootMap,
  weightedTotal,
} from '@cograde/domain';
import type * as Y from 'yjs';
import type { Clock, DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * Every commission's progress towards its deadline (R14), as counted from its document, for one entry
 * of the server-written `progress:<examId>` document. `online` is left empty here: it follows presence
 * in the commission documents and is written by `progress-online.ts`, not by a recount.
 */
export const commissionProgress = (
  exam: Exam,
  commission: Commission,
  doc: Y.Doc,
  due: ExamDue,
): CommissionProgress => {
  const k = commissionDoc(doc);
  const examiners = gradingMembers(commission.members);
  const candidates = k.candidateNumbers().filter((n) => k.candidate(n)?.attended ?? false);
  const marksOf = (candidate: string) => {
    const { marks, auto } = commissionMarks(k, exam.questions, candidate);
    return weightedTotal(exam.questions, marks, auto);
  };
  const confirmedBy = (candidate: string) => new Set(k.confirmations(candidate).map((c) => c.userId));
  const sample = commissionSample(exam, commission, k);
  const isConfirmed = (candidate: string) => {
    const by = confirmedBy(candidate);
    if (exam.policies.confirmation === 'quick') return by.size > 0;
    // R8: a paper outside the second examiner's sample does not wait for them.
    const excused = excusedBySample(sample, candidate);
    return examiners.every((m) => by.has(m.userId) || excused.includes(m.userId));
  };
  // R12: an imported grade is a grade; it still waits for confirmation like any other.
  const isGraded = (candidate: string) =>
    k.imported(candidate) !== undefined ||
    (exam.policies.marksMode === 'shared' && exam.questions.length > 0
      ? marksOf(candidate).missing.length === 0
      : confirmedBy(candidate).size > 0 || k.final(candidate) !== undefined);
  const locked = candidates.filter((n) => k.final(n) !== undefined).length;
  return {
    commissionId: commission.id,
    name: commission.name,
    total: candidates.length,
    graded: candidates.filter((n) => k.final(n) !== undefined || isGraded(n)).length,
    confirmed: candidates.filter((n) => k.final(n) !== undefined || isConfirmed(n)).length,
    locked,
    online: [],
    deadline: due.deadline,
    remainingWorkingDays: due.remainingWorkingDays,
    overdue: due.pastDeadline && locked < candidates.length,
  };
};

/** An exam's grading deadline as of `today` (R14): the same for all its commissions, so counted once. */
export type ExamDue = { deadline: string; remainingWorkingDays: number; pastDeadline: boolean };

export const examDue = (exam: Exam, today: string): ExamDue => {
  const deadline = gradingDeadline(exam.date, exam.policies);
  return {
    deadline,
    remainingWorkingDays: remainingWorkingDays(today, deadline),
    pastDeadline: isOverdue(today, deadline),
  };
};

/** Recounts the exam's commissions (or the named ones) and writes them into its progress document. */
export const refreshProgress = async (
  deps: { repo: Repository; writer: DocWriter; clock: Clock },
  examId: string,
  only?: readonly string[],
  options: { clearOnline?: boolean } = {},
): Promise<void> => {
  const exam = await deps.repo.exams.byId(examId);
  if (exam === null) return;
  const due = examDue(exam, deps.clock.now().toISOString().slice(0, 10));
  const commissions = (await deps.repo.commissions.ofExam(examId)).filter(
    (c) => only?.includes(c.id) ?? true,
  );
  const entries: CommissionProgress[] = [];
  for (const commission of commissions) {
    // One commission per turn of the event loop: an exam with hundreds of commissions being graded
    // would otherwise hold up every room's frames for the whole recount.
    if (entries.length > 0) await new Promise((resolve) => setImmediate(resolve));
    entries.push(
      await deps.writer.read(docName({ kind: 'commission', commissionId: commission.id }), (doc) =>
        commissionProgress(exam, commission, doc, due),
      ),
    );
  }
  await deps.writer.transact(docName({ kind: 'progress', examId }), (doc) => {
    const map = rootMap(doc, 'progress', 'commissions');
    for (const entry of entries) {
      const previous = map.get(entry.commissionId) as CommissionProgress | undefined;
      // Keep whoever the sync service marked as online; an unchanged entry is not rewritten.
      const next = { ...entry, online: options.clearOnline === true ? [] : (previous?.online ?? []) };
      if (JSON.stringify(previous) !== JSON.stringify(next)) map.set(entry.commissionId, next);
    }
  });
};
