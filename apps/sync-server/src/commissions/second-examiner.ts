import {
  type CandidateNumber,
  type Commission,
  commissionDoc,
  type Exam,
  gradingMembers,
  type Marks,
  ordinaryExaminer,
  proposedGrade,
  type SamplePaper,
  type SampleView,
  secondExaminerSample,
} from '@cograde/domain';
import type * as Y from 'yjs';
import type { DocWriter } from '../ports.ts';
import { commissionDocName } from './commission-doc.ts';

/** A number from the commission id, so one commission always gets the same "others" (R8). */
const seedOf = (commissionId: string) =>
  [...commissionId].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);

/**
 * The first examiner's grade for a candidate: their confirmation (any member's, earliest first, when the
 * commission does not tell who the first examiner is); in shared marks mode (R4), where every
 * member sees the marks, otherwise the grade the commission's marks propose; else a registered grade.
 * In individual mode an unconfirmed proposal is the first examiner's own until they confirm (R3).
 */
const firstGradeOf = (exam: Exam, doc: Y.Doc, firstId: string | undefined, candidate: CandidateNumber) => {
  const k = commissionDoc(doc);
  // Two internal members leave the first examiner unclear (examiner-roles.ts): then the earliest confirmation.
  const confirmed = k
    .confirmations(candidate)
    .sort((a, b) => a.at.localeCompare(b.at))
    .find((c) => firstId === undefined || c.userId === firstId);
  if (confirmed !== undefined) return confirmed.grade;
  if (exam.policies.marksMode === 'shared' && exam.questions.length > 0) {
    const marks: Marks = {};
    const auto: Marks = {};
    for (const q of exam.questions) {
      const m = k.mark(candidate, q.id);
      const a = k.autoPoints(candidate, q.id);
      if (m !== undefined) marks[q.id] = m;
      if (a !== undefined) auto[q.id] = a;
    }
    const proposed = proposedGrade(exam, marks, auto);
    if (proposed.ok) return proposed.grade;
  }
  return k.final(candidate)?.grade;
};

/**
 * R8: the second examiner's (medsensor's) sample of a commission, computed by the domain rule from the
 * first examiner's grades so far, with the reason for every paper. The policy is the commission's own
 * choice when the coordinator made one, else the exam's `secondExaminerSample`.
 */
export const sampleOf = (writer: DocWriter, exam: Exam, commission: Commission): Promise<SampleView> =>
  writer.read(commissionDocName(commission.id), (doc) => {
    const override = exam.sampleOverrides?.[commission.id];
    const policy = override?.policy ?? exam.policies.secondExaminerSample;
    const first = ordinaryExaminer(commission.members);
    const firstMember = first.ok ? first.member : undefined;
    const k = commissionDoc(doc);
    const attended = k.candidateNumbers().filter((n) => k.candidate(n)?.attended ?? false);
    const papers: SamplePaper[] = attended.map((candidate) => {
      const grade = firstGradeOf(exam, doc, firstMember?.userId, candidate);
      const flag = k.sampleFlag(candidate);
      return {
        candidate,
        ...(grade === undefined ? {} : { grade }),
        ...(flag?.difficult ? { difficult: true } : {}),
        ...(flag?.closeToFail ? { closeToFail: true } : {}),
      };
    });
    const rule = { scale: exam.scale, policy, seed: seedOf(commission.id) };
    const sample = new Map(secondExaminerSample({ ...rule, papers }).map((s) => [s.candidate, s.why]));
    return {
      commissionId: commission.id,
      examId: exam.id,
      name: commission.name,
      policy,
      source: override === undefined ? 'exam' : 'commission',
      ...(override === undefined ? {} : { reason: override.reason }),
      scale: exam.scale.kind,
      firstExaminer: firstMember
        ? { userId: firstMember.userId, displayName: firstMember.displayName }
        : null,
      secondExaminers: (firstMember === undefined ? [] : gradingMembers(commission.members))
        .filter((m) => m.userId !== firstMember?.userId)
        .map((m) => ({ userId: m.userId, displayName: m.displayName })),
      complete: papers.every((p) => p.grade !== undefined),
      papers: papers.map(({ candidate, grade, difficult, closeToFail }) => {
        const why = sample.get(candidate);
        return {
          candidate,
          ...(grade === undefined ? {} : { grade }),
          difficult: difficult ?? false,
          closeToFail: closeToFail ?? false,
          inSample: why !== undefined,
          ...(why === undefined ? {} : { why }),
        };
      }),
    };
  });
