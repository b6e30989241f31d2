import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commissionSample, excusedBySample } from './commission-sample.ts';
import { commissionDoc, rootMap } from './documents/accessors.ts';
import { candidateUserKey } from './documents/keys.ts';
import type { Exam } from './exam.ts';
import type { Commission } from './people.ts';
import type { Grade } from './scale.ts';
import { type TestExamOverrides, testExam } from './testing/index.ts';

// Individual marks: the first examiner's grade is their confirmation (R3).
const exam = (p: TestExamOverrides = {}): Exam =>
  testExam({
    questions: [{ id: 'q1', label: 'Q1', maxPoints: 10, scoring: 'manual' }],
    policies: { marksMode: 'individual' },
    ...p,
  });

const member = (userId: string, affiliation: 'internal' | 'external') => ({
  userId,
  displayName: userId,
  affiliation,
  firstTime: false,
  extra: false,
});
const candidates = Array.from({ length: 12 }, (_, i) => String(101 + i));
const commission: Commission = {
  id: 'K1',
  examId: 'inf1010',
  name: 'K1',
  purpose: 'ordinary',
  members: [member('first', 'internal'), member('second', 'external')],
  candidates,
  split: {},
};

/** K1 with the first examiner's confirmed grades; a candidate without one is not graded yet. */
const graded = (grades: Record<string, Grade>, attended = candidates) => {
  const doc = new Y.Doc();
  const list = rootMap(doc, 'commission', 'candidates');
  for (const c of attended) list.set(c, { attended: true, disqualified: [] });
  const confirmations = rootMap(doc, 'commission', 'confirmations');
  for (const [c, grade] of Object.entries(grades))
    confirmations.set(candidateUserKey(c, 'first'), {
      userId: 'first',
      grade,
      at: '2026-11-20T10:00:00.000Z',
    });
  return commissionDoc(doc);
};
const allB = Object.fromEntries(candidates.map((c) => [c, 'B' as Grade]));

describe('commissionSample and excusedBySample', () => {
  it('R8: once every paper has the first examiner’s grade, a paper outside the sample excuses the second examiner', () => {
    const sample = commissionSample(exam(), commission, graded({ ...allB, '103': 'E', '107': 'F' }));
    expect(sample.complete).toBe(true);
    expect(sample.firstExaminer?.userId).toBe('first');
    expect(sample.secondExaminers.map((m) => m.userId)).toEqual(['second']);
    const inSample = sample.papers.filter((p) => p.inSample).map((p) => p.candidate);
    expect(inSample).toEqual(expect.arrayContaining(['103', '107']));
    expect(inSample).toHaveLength(4);
    const outside = sample.papers.find((p) => !p.inSample)?.candidate ?? '';
    expect(excusedBySample(sample, outside)).toEqual(['second']);
    expect(excusedBySample(sample, '103')).toEqual([]);
  });

  it('R8: while a paper waits for its first grade the sample may grow, so nobody is excused', () => {
    const { '112': _, ...elevenGraded } = allB;
    const sample = commissionSample(exam(), commission, graded({ ...elevenGraded, '103': 'E' }));
    expect(sample.complete).toBe(false);
    for (const p of sample.papers) expect(excusedBySample(sample, p.candidate)).toEqual([]);
  });

  it('R8: the coordinator’s “all papers” leaves nobody excused; so does a commission of ten or fewer', () => {
    const all = exam({ sampleOverrides: { K1: { policy: 'all', reason: 'new examiner' } } });
    const sample = commissionSample(all, commission, graded(allB));
    expect(sample.papers.every((p) => p.inSample)).toBe(true);
    expect(sample.papers.flatMap((p) => excusedBySample(sample, p.candidate))).toEqual([]);
    const ten = candidates.slice(0, 10);
    const small = commissionSample(exam(), commission, graded(allB, ten));
    expect(small.complete).toBe(true);
    expect(small.papers.map((p) => [p.candidate, p.why])).toEqual(ten.map((c) => [c, 'tenOrFewer']));
    expect(small.papers.flatMap((p) => excusedBySample(small, p.candidate))).toEqual([]);
  });
});
