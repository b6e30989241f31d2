import type { Member } from '@cograde/domain';
import { testExam } from '@cograde/domain/testing';
import { describe, expect, it } from 'vitest';
import { offlineRegistry } from '../testing/fixtures.ts';
import { CommissionState } from './commission.svelte.ts';

let n = 0;
const member = (userId: string, affiliation: Member['affiliation']): Member => ({
  userId,
  displayName: userId,
  affiliation,
  firstTime: false,
  extra: false,
});

/** An appeal commission of one candidate whose two examiners confirmed different grades. */
const disagreeingAppeal = (members: Member[]) => {
  const id = `AT${++n}`;
  const examId = `examA${n}`;
  const registry = offlineRegistry();
  const commission = registry.get(`commission:${id}`).doc;
  commission
    .getMap('info')
    .set('commission', { id, examId, name: id, purpose: 'appeal', members, split: {} });
  commission.getMap('candidates').set('103', { attended: true, disqualified: [] });
  const at = '2026-11-21T10:00:00.000Z';
  commission.getMap('confirmations').set('103:appeal1', { userId: 'appeal1', grade: 'B', at });
  commission.getMap('confirmations').set('103:appeal2', { userId: 'appeal2', grade: 'C', at });
  registry
    .get(`exam:${examId}`)
    .doc.getMap('exam')
    .set(
      'exam',
      testExam({
        id: examId,
        questions: [{ id: 'q3', label: 'Q3', maxPoints: 10, scoring: 'manual' }],
        policies: { secondExaminerSample: 'all' },
      }),
    );
  return new CommissionState(registry, id, {
    userId: 'appeal2',
    displayName: 'appeal2',
    roles: [{ role: 'examiner', examId, commissionId: id, purpose: 'appeal' }],
  });
};

describe('who decides in an appeal commission', () => {
  it('R7 one internal and one external: the external’s confirmed grade is the one to register', () => {
    const state = disagreeingAppeal([member('appeal1', 'external'), member('appeal2', 'internal')]);
    const decision = state.decision('103');
    expect(decision?.decider).toEqual({ by: 'examiner', userId: 'appeal1' });
    expect(decision?.registration).toMatchObject({ ok: true, grade: 'B', decidedBy: 'appeal1' });
  });

  it('R7 two externals: nobody registers until an extra examiner decides', () => {
    const state = disagreeingAppeal([member('appeal1', 'external'), member('appeal2', 'external')]);
    const decision = state.decision('103');
    expect(decision?.decider).toEqual({ by: 'extraExaminer', mediatesFirst: false, userId: null });
    expect(decision?.registration).toMatchObject({ ok: false, reason: 'gradesDisagree' });
  });
});
