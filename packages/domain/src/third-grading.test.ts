import { describe, expect, it } from 'vitest';
import type { Member } from './people.ts';
import { thirdGradingCommission, thirdGradingNeeded } from './third-grading.ts';

const internal = (userId: string, extra = false): Member => ({
  userId,
  displayName: userId,
  affiliation: 'internal',
  firstTime: false,
  extra,
});
const external = (userId: string): Member => ({ ...internal(userId), affiliation: 'external' });
const ids = (result: ReturnType<typeof thirdGradingCommission>) =>
  result.ok ? result.members.map((m) => m.userId) : result.reason;

describe('thirdGradingNeeded', () => {
  it('R10 a difference of two or more steps opens a third grading (C → A)', () => {
    expect(thirdGradingNeeded('C', 'A')).toEqual({ ok: true, needed: true, steps: 2 });
    expect(thirdGradingNeeded('A', 'D')).toEqual({ ok: true, needed: true, steps: 3 });
  });

  it('R10 one step or none does not', () => {
    expect(thirdGradingNeeded('C', 'B')).toEqual({ ok: true, needed: false, steps: 1 });
    expect(thirdGradingNeeded('C', 'C')).toEqual({ ok: true, needed: false, steps: 0 });
    expect(thirdGradingNeeded('Pass', 'NotPass')).toEqual({ ok: true, needed: false, steps: 1 });
  });

  it('R10 refuses grades of different scales', () => {
    expect(thirdGradingNeeded('C', 'Pass')).toMatchObject({ ok: false, reason: 'mixedScales' });
  });
});

describe('thirdGradingCommission', () => {
  const ordinary = [internal('ord'), external('second')];
  const appeal = [internal('ap-int'), external('ap-ext')];

  it('R10 nhh: the internal examiners of the ordinary and the appeal commission', () => {
    expect(
      ids(thirdGradingCommission({ policy: 'nhh', ordinaryMembers: ordinary, appealMembers: appeal })),
    ).toEqual(['ord', 'ap-int']);
  });

  it('R10 nhh: refused when a commission has no internal examiner', () => {
    expect(
      ids(thirdGradingCommission({ policy: 'nhh', ordinaryMembers: [external('o')], appealMembers: appeal })),
    ).toBe('noInternal');
    expect(
      ids(
        thirdGradingCommission({
          policy: 'nhh',
          ordinaryMembers: ordinary,
          appealMembers: [external('a'), external('b')],
        }),
      ),
    ).toBe('noInternal');
  });

  it('R10 uio: the ordinary examiner and an external appeal examiner when the ordinary examiner is internal', () => {
    expect(
      ids(thirdGradingCommission({ policy: 'uio', ordinaryMembers: ordinary, appealMembers: appeal })),
    ).toEqual(['ord', 'ap-ext']);
  });

  it('R10 uio: an external ordinary examiner may sit with any appeal examiner', () => {
    const result = thirdGradingCommission({
      policy: 'uio',
      ordinaryMembers: [external('ord-ext'), internal('second')],
      appealMembers: appeal,
      secondExaminerId: 'second',
    });
    expect(ids(result)).toEqual(['ord-ext', 'ap-int']);
  });

  it('R10 uio: refused when no external can be found, the appeal commission is empty, or the ordinary examiner is unclear', () => {
    expect(
      ids(
        thirdGradingCommission({
          policy: 'uio',
          ordinaryMembers: ordinary,
          appealMembers: [internal('a'), internal('b')],
        }),
      ),
    ).toBe('noExternal');
    expect(ids(thirdGradingCommission({ policy: 'uio', ordinaryMembers: ordinary, appealMembers: [] }))).toBe(
      'tooFewExaminers',
    );
    expect(
      ids(
        thirdGradingCommission({
          policy: 'uio',
          ordinaryMembers: [internal('a'), internal('b')],
          appealMembers: appeal,
        }),
      ),
    ).toBe('ordinaryExaminerUnclear');
  });
});
