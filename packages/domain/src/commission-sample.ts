import { type CommissionDoc, commissionMarks } from './documents/accessors.ts';
import type { Exam } from './exam.ts';
import { gradingMembers, ordinaryExaminer } from './examiner-roles.ts';
import { byTime, type CandidateNumber, type UserId } from './ids.ts';
import type { Commission } from './people.ts';
import type { SampleView } from './sample-view.ts';
import { type SamplePaper, secondExaminerSample } from './second-examiner-sample.ts';
import { proposedGrade } from './weighted-total.ts';

/** A number from the commission id, so one commission always gets the same "others" (R8). */
const seedOf = (commissionId: string) =>
  [...commissionId].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);

/**
 * The first examiner's grade for a candidate: their confirmation (any member's, earliest first, when the
 * commission does not tell who the first examiner is); in shared marks mode (R4), where every
 * member sees the marks, otherwise the grade the commission's marks propose; else a registered grade.
 * In individual mode an unconfirmed proposal is the first examiner's own until they confirm (R3).
 */
const firstGradeOf = (
  exam: Exam,
  k: CommissionDoc,
  firstId: UserId | undefined,
  candidate: CandidateNumber,
) => {
  // Two internal members leave the first examiner unclear (examiner-roles.ts): then the earliest confirmation.
  // A copy: the accessor's array may be a cached one (the app remembers reads).
  const confirmed = [...k.confirmations(candidate)]
    .sort((a, b) => byTime(a.at, b.at))
    .find((c) => firstId === undefined || c.userId === firstId);
  if (confirmed !== undefined) return confirmed.grade;
  if (exam.policies.marksMode === 'shared' && exam.questions.length > 0) {
    const { marks, auto } = commissionMarks(k, exam.questions, candidate);
    const proposed = proposedGrade(exam, marks, auto);
    if (proposed.ok) return proposed.grade;
  }
  return k.final(candidate)?.grade;
};

/**
 * R8: the second examiner's (medsensor's) sample of a commission, computed by the rule from the first
 * examiner's grades so far, with the reason for every paper. The policy is the commission's own choice
 * when the coordinator made one, else the exam's `secondExaminerSample`. The server answers it and
 * decides registrations by it; the app reads the same to show what a registration waits for.
 */
export const commissionSample = (
  exam: Exam,
  commission: Pick<Commission, 'id' | 'name' | 'members'>,
  k: CommissionDoc,
): SampleView => {
  const override = exam.sampleOverrides?.[commission.id];
  const policy = override?.policy ?? exam.policies.secondExaminerSample;
  const first = ordinaryExaminer(commission.members);
  const firstMember = first.ok ? first.member : undefined;
  const attended = k.candidateNumbers().filter((n) => k.candidate(n)?.attended ?? false);
  const papers: SamplePaper[] = attended.map((candidate) => {
    const grade = firstGradeOf(exam, k, firstMember?.userId, candidate);
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
    firstExaminer: firstMember ? { userId: firstMember.userId, displayName: firstMember.displayName } : null,
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
};

/**
 * R8: the members whose confirmation a candidate's final grade does not need: the second examiners, for
 * a paper outside their sample. Only once the sample is complete (the first examiner has graded every
 * paper): until then a paper outside it may still come in (a new E takes the Ds out, a changed grade
 * puts its paper in), so every examiner confirms as before.
 */
export const excusedBySample = (sample: SampleView, candidate: CandidateNumber): UserId[] => {
  if (!sample.complete) return [];
  const paper = sample.papers.find((p) => p.candidate === candidate);
  if (paper === undefined || paper.inSample) return [];
  return sample.secondExaminers.map((m) => m.userId);
};
