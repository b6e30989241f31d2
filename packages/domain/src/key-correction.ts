import { autoScore, type EffectivePoints, effectivePoints } from './auto-score.ts';
import type { Question } from './exam.ts';
import type { CandidateNumber } from './ids.ts';
import { ok, type Result } from './result.ts';

export type KeyCorrectionInput = {
  /** The question with its corrected answer key. */
  question: Question;
  /** Each candidate's choices on the question; a candidate who chose nothing has an empty list. */
  answers: ReadonlyMap<CandidateNumber, readonly string[]>;
  /** The auto points stored before the correction. */
  auto: ReadonlyMap<CandidateNumber, number>;
  /** Examiners' points on this question, which override the auto points and stay as they are. */
  overrides: ReadonlyMap<CandidateNumber, number>;
};

export type AutoScoreChange = {
  candidate: CandidateNumber;
  before: number | undefined;
  after: number;
  /** What now counts for the candidate: with an override it stays the override, shown as one. */
  effective: EffectivePoints;
};

/**
 * R18: after the coordinator corrects an answer key, every candidate's auto score on the question is
 * recomputed at once. Overrides stay. Returns every new auto score and the ones that changed.
 */
export const recomputeAfterKeyCorrection = (
  input: KeyCorrectionInput,
): Result<{ auto: Map<CandidateNumber, number>; changes: AutoScoreChange[] }> => {
  const auto = new Map<CandidateNumber, number>();
  const changes: AutoScoreChange[] = [];
  for (const [candidate, choices] of input.answers) {
    const scored = autoScore(choices, input.question);
    if (!scored.ok) return scored;
    auto.set(candidate, scored.points);
    const before = input.auto.get(candidate);
    if (before === scored.points) continue;
    const effective = effectivePoints(input.question, input.overrides.get(candidate), scored.points);
    // effectivePoints always has the auto points to fall back on here.
    if (effective !== undefined) changes.push({ candidate, before, after: scored.points, effective });
  }
  return ok({ auto, changes });
};
