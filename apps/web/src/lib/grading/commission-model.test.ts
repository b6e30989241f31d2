import { commissionDoc, type Exam, privateDoc } from '@cograde/domain';
import { testExam } from '@cograde/domain/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type CommissionView,
  candidateStatus,
  candidateTotals,
  commissionProgress,
  confirmedMarks,
  visibleCandidates,
} from './commission-model.ts';

const exam = (marksMode: 'shared' | 'individual'): Exam =>
  testExam({
    questions: [
      { id: 'q1', label: 'Q1', maxPoints: 2, scoring: 'auto', answerKey: ['A'] },
      { id: 'q3', label: 'Q3', maxPoints: 10, scoring: 'manual' },
      { id: 'q4', label: 'Q4', maxPoints: 8, weight: 2, scoring: 'manual' },
    ],
    policies: { marksMode, secondExaminerSample: 'all' },
  });

/** A commission document as the server writes it, with candidates 101–104. */
const commission = () => {
  const doc = new Y.Doc();
  for (const c of ['101', '102', '103', '104'])
    doc.getMap('candidates').set(c, { attended: true, disqualified: [] });
  doc.getMap('candidates').set('104', { attended: true, disqualified: ['examiner1'] });
  for (const c of ['101', '102', '103']) doc.getMap('auto').set(`${c}:q1`, 2);
  return doc;
};

const view = (marksMode: 'shared' | 'individual', doc: Y.Doc, own = new Y.Doc()): CommissionView => ({
  exam: exam(marksMode),
  commission: commissionDoc(doc),
  own: privateDoc(own),
  userId: 'examiner1',
});

describe('grading a commission', () => {
  it('R18 adds auto scores and weighted marks into a running total and a proposed grade', () => {
    const doc = commission();
    const c = commissionDoc(doc);
    c.setMark('101', 'q3', 9);
    const partial = candidateTotals(view('shared', doc), '101');
    expect(partial).toMatchObject({ total: 11, max: 28, missing: 1, grade: null });

    c.setMark('101', 'q4', 7);
    const full = candidateTotals(view('shared', doc), '101');
    expect(full.total).toBe(25);
    expect(full.percent).toBeCloseTo((25 / 28) * 100);
    expect(full.grade).toBe('B');

    // An examiner's points override the auto score.
    c.setMark('101', 'q1', 0);
    expect(candidateTotals(view('shared', doc), '101')).toMatchObject({ total: 23, grade: 'B' });
  });

  it('R3 in individual mode counts the examiner’s own marks and shows others’ only once confirmed', () => {
    const doc = commission();
    const own = new Y.Doc();
    commissionDoc(doc).setMark('102', 'q3', 10);
    privateDoc(own).setMark('102', 'q3', 4);
    const v = view('individual', doc, own);
    expect(candidateTotals(v, '102')).toMatchObject({ total: 6, missing: 1 });
    const q3 = v.exam.questions[1]!;
    expect(confirmedMarks(v, '102', q3)).toEqual([]);
    doc.getMap('confirmations').set('102:examiner2', {
      userId: 'examiner2',
      grade: 'C',
      at: '2026-11-20T10:00:00.000Z',
      marks: { q3: 8, q4: 5 },
    });
    expect(confirmedMarks(view('individual', doc, own), '102', q3)).toEqual([
      { userId: 'examiner2', points: 8 },
    ]);
  });

  it('R16 hides a candidate the examiner is disqualified for, and counts progress cumulatively', () => {
    const doc = commission();
    const c = commissionDoc(doc);
    expect(visibleCandidates(view('shared', doc))).toEqual(['101', '102', '103']);
    for (const q of ['q3', 'q4']) {
      c.setMark('101', q, 5);
      c.setMark('102', q, 5);
    }
    c.setMark('103', 'q3', 1);
    doc.getMap('finals').set('101', {
      grade: 'D',
      registeredBy: 'examiner1',
      registeredAt: '2026-11-20T10:00:00.000Z',
      source: 'commission',
    });
    const v = view('shared', doc);
    expect(candidateStatus(v, '101')).toBe('locked');
    expect(candidateStatus(v, '102')).toBe('graded');
    expect(candidateStatus(v, '103')).toBe('partial');
    expect(commissionProgress(v)).toEqual({ total: 3, graded: 2, confirmed: 1, locked: 1 });
  });
});
