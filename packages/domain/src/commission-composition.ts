import type { ExamKind } from './exam.ts';
import { gradingMembers } from './examiner-roles.ts';
import type { CandidateNumber, UserId } from './ids.ts';
import type { Candidate, CommissionPurpose, Member } from './people.ts';
import type { Reason } from './reasons.ts';
import { ok, type Refused, type Result } from './result.ts';

export type CompositionInput = {
  examKind: ExamKind;
  purpose: CommissionPurpose;
  members: readonly Member[];
  candidates: readonly Pick<Candidate, 'number' | 'supervisorId'>[];
  /** R9, for an appeal commission: who took part in the ordinary grading of each candidate. */
  ordinaryExaminers?: ReadonlyMap<CandidateNumber, readonly UserId[]>;
  /** R9, for an ordinary commission: who grades each candidate's appeal or third grading. */
  regradingExaminers?: ReadonlyMap<CandidateNumber, readonly UserId[]>;
};

export type CompositionProblem = { reason: Reason; detail?: string };
export type CompositionRefused = Refused & { problems: CompositionProblem[] };

const firstTimeProblems = (grading: readonly Member[]): CompositionProblem[] =>
  grading.some((m) => m.firstTime) && !grading.some((m) => !m.firstTime)
    ? [{ reason: 'firstTimeAlone', detail: grading.map((m) => m.userId).join(', ') }]
    : [];

const thesisProblems = (input: CompositionInput, grading: readonly Member[]): CompositionProblem[] => {
  const problems: CompositionProblem[] = [];
  if (input.purpose === 'ordinary') {
    if (grading.length < 2)
      problems.push({ reason: 'tooFewExaminers', detail: `${grading.length} examiner(s)` });
    if (!grading.some((m) => m.affiliation === 'external')) problems.push({ reason: 'noExternal' });
  }
  // The supervisor may be neither examiner nor extra examiner, in any commission on the thesis.
  const memberIds = new Set(input.members.map((m) => m.userId));
  for (const candidate of input.candidates) {
    if (candidate.supervisorId !== undefined && memberIds.has(candidate.supervisorId)) {
      problems.push({
        reason: 'supervisorInCommission',
        detail: `${candidate.supervisorId} supervises candidate ${candidate.number}`,
      });
    }
  }
  return problems;
};

const appealProblems = (input: CompositionInput, grading: readonly Member[]): CompositionProblem[] => {
  const problems: CompositionProblem[] = [];
  if (grading.length < 2)
    problems.push({ reason: 'tooFewExaminers', detail: `${grading.length} examiner(s)` });
  if (grading.length > 2)
    problems.push({ reason: 'tooManyExaminers', detail: `${grading.length} examiners` });
  if (!grading.some((m) => m.affiliation === 'external')) problems.push({ reason: 'noExternal' });
  for (const candidate of input.candidates) {
    const earlier = new Set(input.ordinaryExaminers?.get(candidate.number) ?? []);
    for (const member of input.members) {
      if (earlier.has(member.userId)) {
        problems.push({
          reason: 'tookPartInOrdinary',
          detail: `${member.userId} graded candidate ${candidate.number}`,
        });
      }
    }
  }
  return problems;
};

const duplicateProblems = (members: readonly Member[]): CompositionProblem[] => {
  const ids = members.map((m) => m.userId);
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  return twice.length === 0 ? [] : [{ reason: 'duplicateMember', detail: twice.join(', ') }];
};

/** R9 the other way round: an appeal examiner never joins the ordinary commission that holds the candidate. */
const regradingProblems = (input: CompositionInput): CompositionProblem[] =>
  input.candidates.flatMap((candidate) => {
    const regrading = new Set(input.regradingExaminers?.get(candidate.number) ?? []);
    return input.members
      .filter((m) => regrading.has(m.userId))
      .map((m) => ({
        reason: 'gradesRegrading' as const,
        detail: `${m.userId} re-grades candidate ${candidate.number}`,
      }));
  });

/**
 * R17 (and R9 for appeals): whether a commission may be saved. Every problem is listed so the coordinator
 * can fix them in one go; the refusal's reason is the first.
 * - a commission has at least one examiner;
 * - a first-time examiner never grades alone: someone experienced grades with them;
 * - master's thesis: at least two examiners, at least one external, never a candidate's supervisor;
 * - appeal: two examiners, at least one external, none of whom took part in the ordinary grading;
 * - ordinary: none of the candidates' appeal or third-grading examiners (R9);
 * - nobody is named twice.
 */
export const checkCommissionComposition = (input: CompositionInput): Result | CompositionRefused => {
  const grading = gradingMembers(input.members);
  const problems = [
    // Rules that count examiners say how many they need; otherwise an empty commission grades nobody.
    ...(grading.length === 0 && input.examKind !== 'mastersThesis' && input.purpose !== 'appeal'
      ? [{ reason: 'noExaminers' as const }]
      : []),
    ...duplicateProblems(input.members),
    ...firstTimeProblems(grading),
    ...(input.examKind === 'mastersThesis' ? thesisProblems(input, grading) : []),
    ...(input.purpose === 'appeal' ? appealProblems(input, grading) : []),
    ...(input.purpose === 'ordinary' ? regradingProblems(input) : []),
  ];
  const [first] = problems;
  if (first === undefined) return ok();
  return first.detail === undefined
    ? { ok: false, reason: first.reason, problems }
    : { ok: false, reason: first.reason, detail: first.detail, problems };
};
