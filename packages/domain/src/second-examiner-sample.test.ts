import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grade } from './scale.ts';
import {
  minimumOthers,
  type SampleInput,
  type SamplePaper,
  secondExaminerSample,
} from './second-examiner-sample.ts';

/** One paper per letter: a grade, `P`/`N` for Pass/NotPass, `?` for a paper not graded yet. */
const papers = (grades: string, flags: Record<number, Partial<SamplePaper>> = {}): SamplePaper[] =>
  [...grades].map((g, i) => ({
    candidate: String(101 + i),
    ...(g === '?' ? {} : { grade: (g === 'P' ? 'Pass' : g === 'N' ? 'NotPass' : g) as Grade }),
    ...flags[101 + i],
  }));
const letterInput = (list: SamplePaper[], seed = 1): SampleInput => ({
  scale: { kind: 'letter' },
  policy: 'rule',
  papers: list,
  seed,
});
const passFailInput = (list: SamplePaper[], seed = 1): SampleInput => ({
  ...letterInput(list, seed),
  scale: { kind: 'passFail' },
});
const reasonsOf = (sample: ReturnType<typeof secondExaminerSample>) =>
  Object.fromEntries(sample.map((s) => [s.candidate, s.why]));

describe('secondExaminerSample', () => {
  it('R8 letter scale: every E and F plus two others', () => {
    const list = papers('ABCCDDEFBCAE');
    const sample = reasonsOf(secondExaminerSample(letterInput(list)));
    expect(
      Object.entries(sample)
        .filter(([, why]) => why === 'gradedEorF')
        .map(([c]) => c),
    ).toEqual(['107', '108', '112']);
    expect(Object.values(sample).filter((why) => why === 'other')).toHaveLength(2);
    expect(Object.keys(sample)).toHaveLength(5);
  });

  it('R8 letter scale: the two others are preferably papers flagged as difficult', () => {
    const list = papers('ABCCDDEFBCAE', { 103: { difficult: true }, 110: { difficult: true } });
    const sample = reasonsOf(secondExaminerSample(letterInput(list)));
    expect(sample).toEqual({
      '103': 'difficult',
      '107': 'gradedEorF',
      '108': 'gradedEorF',
      '110': 'difficult',
      '112': 'gradedEorF',
    });
  });

  it('R8 letter scale: every difficult paper goes along, and one difficult paper is topped up by one other', () => {
    const three = papers('ABCCDDEFBCAE', {
      101: { difficult: true },
      102: { difficult: true },
      103: { difficult: true },
    });
    expect(
      Object.values(reasonsOf(secondExaminerSample(letterInput(three)))).filter((w) => w === 'difficult'),
    ).toHaveLength(3);
    const one = papers('ABCCDDEFBCAE', { 104: { difficult: true } });
    const sample = reasonsOf(secondExaminerSample(letterInput(one)));
    expect(sample['104']).toBe('difficult');
    expect(Object.values(sample).filter((w) => w === 'other')).toHaveLength(1);
  });

  it('R8 letter scale: if none is E, every D goes to the second examiner', () => {
    const list = papers('ABCDDFABCDAB');
    const sample = reasonsOf(secondExaminerSample(letterInput(list)));
    expect(sample['104']).toBe('gradedDNoE');
    expect(sample['105']).toBe('gradedDNoE');
    expect(sample['110']).toBe('gradedDNoE');
    expect(sample['106']).toBe('gradedEorF');
    // With an E, the D papers are no longer required.
    const withE = reasonsOf(secondExaminerSample(letterInput(papers('ABCDDEABCDAB'))));
    expect(Object.values(withE)).not.toContain('gradedDNoE');
  });

  it('R8 ten papers or fewer: all of them', () => {
    const list = papers('ABCDEFABCD');
    expect(secondExaminerSample(letterInput(list))).toEqual(
      list.map((p) => ({ candidate: p.candidate, why: 'tenOrFewer' })),
    );
    expect(secondExaminerSample(letterInput([]))).toEqual([]);
  });

  it('R8 ten or fewer counts every paper of the commission, not only the ones graded so far', () => {
    const early = reasonsOf(secondExaminerSample(passFailInput(papers('PNPPPN????????'))));
    expect(Object.values(early).filter((why) => why === 'notPass')).toHaveLength(2);
    expect(Object.values(early).filter((why) => why === 'other')).toHaveLength(2);
    expect(Object.values(early)).not.toContain('tenOrFewer');
    const small = secondExaminerSample(passFailInput(papers('PNPPPN???')));
    expect(small).toHaveLength(9);
    expect(small.every((s) => s.why === 'tenOrFewer')).toBe(true);
  });

  it('R8 a paper not graded yet is never taken for a weak one', () => {
    const sample = reasonsOf(secondExaminerSample(letterInput(papers('AB??????????'), 3)));
    expect(Object.values(sample).filter((why) => why !== 'other')).toEqual([]);
    expect(Object.keys(sample)).toHaveLength(minimumOthers);
  });

  it('R8 policy all: the coordinator gives the second examiner every paper', () => {
    const list = papers('ABCDEFABCDABCDEF');
    const sample = secondExaminerSample({ ...letterInput(list), policy: 'all' });
    expect(sample).toEqual(list.map((p) => ({ candidate: p.candidate, why: 'allPapers' })));
  });

  it('R8 pass/fail: every NotPass, every Pass close to fail, plus two others', () => {
    const list = papers('PPPNPPPPNPPP', { 103: { closeToFail: true } });
    const sample = reasonsOf(secondExaminerSample(passFailInput(list)));
    expect(sample['104']).toBe('notPass');
    expect(sample['109']).toBe('notPass');
    expect(sample['103']).toBe('closeToFail');
    expect(Object.values(sample).filter((w) => w === 'other')).toHaveLength(2);
    expect(Object.keys(sample)).toHaveLength(5);
  });

  it('R8 is deterministic: the same seed gives the same sample, another seed may choose other papers', () => {
    const list = papers('ABCCDDEFBCABBCBA');
    const a = secondExaminerSample(letterInput(list, 7));
    expect(secondExaminerSample(letterInput(list, 7))).toEqual(a);
    const chosen = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) =>
        secondExaminerSample(letterInput(list, seed))
          .filter((s) => s.why === 'other')
          .map((s) => s.candidate),
      ),
    );
    expect(chosen.size).toBeGreaterThan(2);
  });
});

const paperListArb = (grades: readonly Grade[]) =>
  fc
    .array(
      fc.record({ grade: fc.constantFrom(...grades), difficult: fc.boolean(), closeToFail: fc.boolean() }),
      {
        maxLength: 60,
        // Lengths spread over 0–60: the default size would keep most lists at ten papers or fewer.
        size: 'max',
      },
    )
    .map((list) => list.map((p, i) => ({ ...p, candidate: String(1000 + i) })));
/** Half the lists have no E at all, so that the "every D" branch is exercised as often as the other. */
const letterPapersArb = fc
  .boolean()
  .chain((withE) => paperListArb(withE ? ['A', 'B', 'C', 'D', 'E', 'F'] : ['A', 'B', 'C', 'D', 'F']));

describe('second examiner sample properties', () => {
  it('R8 letter scale: contains every E and F, every D when there is no E, at least two others, and is deterministic', () => {
    fc.assert(
      fc.property(letterPapersArb, fc.integer(), (list, seed) => {
        const sample = secondExaminerSample(letterInput(list, seed));
        expect(secondExaminerSample(letterInput(list, seed))).toEqual(sample);
        const inSample = new Set(sample.map((s) => s.candidate));
        if (list.length <= 10) {
          expect(inSample.size).toBe(list.length);
          return;
        }
        const anyE = list.some((p) => p.grade === 'E');
        for (const p of list) {
          if (p.grade === 'E' || p.grade === 'F' || (!anyE && p.grade === 'D'))
            expect(inSample.has(p.candidate)).toBe(true);
          if (p.difficult) expect(inSample.has(p.candidate)).toBe(true);
        }
        const required = list.filter(
          (p) => p.grade === 'E' || p.grade === 'F' || (!anyE && p.grade === 'D'),
        ).length;
        const others = sample.length - required;
        expect(others).toBeGreaterThanOrEqual(Math.min(minimumOthers, list.length - required));
        // Papers keep their order and appear once.
        const order = list.map((p) => p.candidate).filter((c) => inSample.has(c));
        expect(sample.map((s) => s.candidate)).toEqual(order);
      }),
    );
  });

  it('R8 pass/fail: contains every NotPass and every Pass close to fail, and at least two others', () => {
    fc.assert(
      fc.property(paperListArb(['Pass', 'NotPass']), fc.integer(), (list, seed) => {
        const sample = secondExaminerSample(passFailInput(list, seed));
        const inSample = new Set(sample.map((s) => s.candidate));
        if (list.length <= 10) {
          expect(inSample.size).toBe(list.length);
          return;
        }
        const required = list.filter((p) => p.grade === 'NotPass' || p.closeToFail);
        for (const p of required) expect(inSample.has(p.candidate)).toBe(true);
        expect(sample.length - required.length).toBeGreaterThanOrEqual(
          Math.min(minimumOthers, list.length - required.length),
        );
      }),
    );
  });
});
