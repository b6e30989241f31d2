import type { Policies } from './exam.ts';
import type { CandidateNumber } from './ids.ts';
import type { Grade, Scale } from './scale.ts';

/** A paper as the ordinary examiner graded and flagged it. */
export type SamplePaper = {
  candidate: CandidateNumber;
  /** None yet: the first examiner has not graded it (the sample may still grow). */
  grade?: Grade;
  /** The examiner found it difficult to grade. */
  difficult?: boolean;
  /** Pass/fail: a Pass the examiner thinks is close to NotPass. */
  closeToFail?: boolean;
};

/** Why a paper is in the sample, so the second examiner and the coordinator can see the rule at work. */
export type SampleWhy =
  | 'allPapers'
  | 'tenOrFewer'
  | 'gradedEorF'
  | 'gradedDNoE'
  | 'notPass'
  | 'closeToFail'
  | 'difficult'
  | 'other';

export type SampledPaper = { candidate: CandidateNumber; why: SampleWhy };

export type SampleInput = {
  scale: Pick<Scale, 'kind'>;
  policy: Policies['secondExaminerSample'];
  papers: readonly SamplePaper[];
  /** Chooses the "others" deterministically: the same seed always gives the same sample. */
  seed: number;
};

/** The minimum of papers beyond the weak ones, so the second examiner also sees the scale's upper part. */
export const minimumOthers = 2;
const smallCourse = 10;

/**
 * FNV-1a over the seed and the candidate number, finished with MurmurHash3's mixer so that every bit of
 * the seed moves the rank: a fixed, seed-dependent order without randomness.
 */
const seededRank = (seed: number, candidate: CandidateNumber): number => {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${candidate}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
};

const mustReason = (paper: SamplePaper, scale: Pick<Scale, 'kind'>, anyE: boolean): SampleWhy | null => {
  if (scale.kind === 'passFail') {
    if (paper.grade === 'NotPass') return 'notPass';
    return paper.closeToFail === true ? 'closeToFail' : null;
  }
  if (paper.grade === 'E' || paper.grade === 'F') return 'gradedEorF';
  return paper.grade === 'D' && !anyE ? 'gradedDNoE' : null;
};

/**
 * R8: the papers a second examiner (medsensor) receives, each with the reason it is there.
 * Letter scale: every E and F (every D too when nobody got an E); pass/fail: every NotPass and every Pass
 * close to it. Then every paper flagged difficult, topped up by seeded choice to at least two others.
 * Ten papers or fewer, or the policy `all`: every paper. Every paper of the commission counts, graded or
 * not; one not graded yet is never a weak one, but may be drawn among the others. Papers keep the order
 * they came in.
 */
export const secondExaminerSample = (input: SampleInput): SampledPaper[] => {
  const { papers, scale } = input;
  if (input.policy === 'all') return papers.map((p) => ({ candidate: p.candidate, why: 'allPapers' }));
  if (papers.length <= smallCourse) return papers.map((p) => ({ candidate: p.candidate, why: 'tenOrFewer' }));

  const anyE = papers.some((p) => p.grade === 'E');
  const why = new Map<CandidateNumber, SampleWhy>();
  for (const paper of papers) {
    const reason = mustReason(paper, scale, anyE);
    if (reason !== null) why.set(paper.candidate, reason);
  }
  const others = papers
    .filter((p) => !why.has(p.candidate))
    .map((p) => ({ paper: p, rank: seededRank(input.seed, p.candidate) }))
    .sort(
      (a, b) =>
        Number(b.paper.difficult === true) - Number(a.paper.difficult === true) ||
        a.rank - b.rank ||
        (a.paper.candidate < b.paper.candidate ? -1 : 1),
    );
  others.forEach(({ paper }, index) => {
    if (paper.difficult === true) why.set(paper.candidate, 'difficult');
    else if (index < minimumOthers) why.set(paper.candidate, 'other');
  });
  return papers.flatMap((p) => {
    const reason = why.get(p.candidate);
    return reason === undefined ? [] : [{ candidate: p.candidate, why: reason }];
  });
};
