import { describe, expect, it } from 'vitest';
import { nextAppealStep, ordinaryParticipants } from './appeal-outcome.ts';

describe('nextAppealStep', () => {
  it('R10 opens a third grading when the appeal grade is two steps from the ordinary grade', () => {
    expect(nextAppealStep({ after: 'appeal', ordinary: 'C', appeal: 'A' })).toEqual({
      ok: true,
      next: { step: 'thirdGrading', steps: 2 },
    });
  });
  it('R10 makes the appeal grade final when it is one step away', () => {
    expect(nextAppealStep({ after: 'appeal', ordinary: 'C', appeal: 'B' })).toEqual({
      ok: true,
      next: { step: 'final', grade: 'B', source: 'appeal' },
    });
  });
  it('R10 makes the third grade final', () => {
    expect(nextAppealStep({ after: 'third', third: 'D' })).toEqual({
      ok: true,
      next: { step: 'final', grade: 'D', source: 'third' },
    });
  });
  it('refuses grades from different scales', () => {
    expect(nextAppealStep({ after: 'appeal', ordinary: 'C', appeal: 'Pass' }).ok).toBe(false);
  });
});

describe('ordinaryParticipants', () => {
  it('R9 counts members and whoever acted for the candidate, once each', () => {
    const member = (userId: string) =>
      ({ userId, displayName: userId, affiliation: 'internal', firstTime: false, extra: false }) as const;
    expect(ordinaryParticipants('103', [member('a'), member('b')], ['b', 'c']).get('103')).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
