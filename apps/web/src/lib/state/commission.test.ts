import { commissionDoc, privateDoc } from '@cograde/domain';
import { testExam } from '@cograde/domain/testing';
import { describe, expect, it } from 'vitest';
import { memoryStorage, offlineRegistry } from '../testing/fixtures.ts';
import { CommissionState } from './commission.svelte.ts';
import { DocRegistry } from './docs.svelte.ts';

let n = 0;
/** A commission as the server seeds it, in documents that are not connected. */
const setUp = (
  policies: { marksMode: 'shared' | 'individual'; enforceSplit: boolean },
  registry = offlineRegistry(),
  id = `KT${++n}`,
) => {
  const examId = `exam${n}`;
  const commission = registry.get(`commission:${id}`).doc;
  commission.getMap('info').set('commission', {
    id,
    examId,
    name: id,
    purpose: 'ordinary',
    members: [
      {
        userId: 'examiner1',
        displayName: 'Ola Hansen',
        affiliation: 'internal',
        firstTime: false,
        extra: false,
      },
      {
        userId: 'examiner2',
        displayName: 'Ingrid Berg',
        affiliation: 'external',
        firstTime: false,
        extra: false,
      },
    ],
    split: { q3: 'examiner1', q4: 'examiner2' },
  });
  for (const c of ['101', '102'])
    commission.getMap('candidates').set(c, { attended: true, disqualified: [] });
  commission.getMap('finals').set('102', {
    grade: 'C',
    registeredBy: 'examiner1',
    registeredAt: '2026-11-20T10:00:00.000Z',
    source: 'commission',
  });
  registry
    .get(`exam:${examId}`)
    .doc.getMap('exam')
    .set(
      'exam',
      testExam({
        id: examId,
        questions: [
          { id: 'q3', label: 'Q3', maxPoints: 10, scoring: 'manual' },
          { id: 'q4', label: 'Q4', maxPoints: 10, scoring: 'manual' },
        ],
        policies: { ...policies, secondExaminerSample: 'all' },
      }),
    );
  const state = new CommissionState(registry, id, {
    userId: 'examiner1',
    displayName: 'Ola Hansen',
    roles: [{ role: 'examiner', examId, commissionId: id, purpose: 'ordinary' }],
  });
  const q = (qid: string) => state.exam!.questions.find((x) => x.id === qid)!;
  return { registry, state, commission, q, id };
};

/** Documents kept in this device's IndexedDB (fake-indexeddb here), never connected. */
const deviceRegistry = () =>
  new DocRegistry(() => ({ serverUrl: 'ws://localhost:1/sync', connect: false, storage: memoryStorage() }));

describe('CommissionState', () => {
  it('R3 takes no mark into the private document before the marks this device stored are read', async () => {
    const id = `KT${++n}`;
    const own = `private:${id}:examiner1`;
    // An earlier session on this device left a mark in the examiner's private document.
    const earlier = deviceRegistry();
    await earlier.get(own).whenLoaded();
    privateDoc(earlier.get(own).doc).setMark('101', 'q3', 4);
    await earlier.closeAll(false);

    const registry = deviceRegistry();
    const { state, q } = setUp({ marksMode: 'individual', enforceSplit: false }, registry, id);
    // Typed now, a mark would race the stored one, and Yjs may keep either.
    expect(state.marksLoaded).toBe(false);
    expect(state.notesLoaded).toBe(false);
    expect(state.setPoints('101', q('q3'), 6)).toBe(false);
    await registry.get(own).whenLoaded();
    expect(state.marksLoaded).toBe(true);
    expect(state.entered('101', q('q3'))).toBe(4);
    expect(state.setPoints('101', q('q3'), 6)).toBe(true);
    expect(privateDoc(registry.get(own).doc).mark('101', 'q3')).toBe(6);
    await registry.closeAll(true);
  });

  it('R4 writes shared marks into the commission document, within 0 and the maximum', () => {
    const { state, commission, q } = setUp({ marksMode: 'shared', enforceSplit: false });
    expect(state.canWrite).toBe(true);
    expect(state.setPoints('101', q('q3'), 7)).toBe(true);
    expect(commissionDoc(commission).mark('101', 'q3')).toBe(7);
    expect(state.setPoints('101', q('q3'), 11)).toBe(false);
    expect(state.setPoints('101', q('q4'), undefined)).toBe(true);
    expect(state.totals('101')).toMatchObject({ total: 7, missing: 1, grade: null });
  });

  it('R6 leaves a registered candidate read-only', () => {
    const { state, commission, q } = setUp({ marksMode: 'shared', enforceSplit: false });
    expect(state.isLocked('102')).toBe(true);
    expect(state.setPoints('102', q('q3'), 5)).toBe(false);
    state.setText('102', 'comment', 'too late');
    expect(commissionDoc(commission).text('102', 'comment')).toBe('');
  });

  it('R4 with the split enforced, only the examiner’s own questions can be marked', () => {
    const { state, q } = setUp({ marksMode: 'shared', enforceSplit: true });
    expect(state.mayMark(q('q3'))).toBe(true);
    expect(state.mayMark(q('q4'))).toBe(false);
    expect(state.setPoints('101', q('q4'), 3)).toBe(false);
  });

  it('R3 in individual mode writes the examiner’s own marks into the private document', () => {
    const { state, commission, registry, q, id } = setUp({ marksMode: 'individual', enforceSplit: false });
    expect(state.setPoints('101', q('q3'), 6)).toBe(true);
    expect(commissionDoc(commission).mark('101', 'q3')).toBeUndefined();
    expect(privateDoc(registry.get(`private:${id}:examiner1`).doc).mark('101', 'q3')).toBe(6);
    state.setNote('101', 'check Q3 again');
    expect(state.note('101')).toBe('check Q3 again');
  });

  it('R5 names who still has to confirm before the grade can be registered', () => {
    const { state, commission } = setUp({ marksMode: 'shared', enforceSplit: false });
    commission.getMap('confirmations').set('101:examiner1', {
      userId: 'examiner1',
      grade: 'C',
      at: '2026-11-21T10:00:00.000Z',
    });
    const decision = state.decision('101');
    expect(decision?.mine?.grade).toBe('C');
    expect(decision?.mayConfirm).toBe(true);
    expect(decision?.registration.ok).toBe(false);
    expect(
      decision?.registration.ok === false && 'blockers' in decision.registration
        ? decision.registration.blockers.unconfirmed
        : [],
    ).toEqual(['examiner2']);
  });

  it('R8 works the sample out once per version of the commission document', () => {
    const { state, commission } = setUp({ marksMode: 'shared', enforceSplit: false });
    const before = state.sample;
    expect(before?.papers.map((p) => p.candidate)).toEqual(['101', '102']);
    state.decision('101');
    state.decision('102');
    expect(state.sample).toBe(before);
    commission.getMap('confirmations').set('101:examiner1', {
      userId: 'examiner1',
      grade: 'B',
      at: '2026-11-21T10:00:00.000Z',
    });
    const after = state.sample;
    expect(after).not.toBe(before);
    expect(after?.papers.find((p) => p.candidate === '101')?.grade).toBe('B');
    expect(state.sample).toBe(after);
  });
});
