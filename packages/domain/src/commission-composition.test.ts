import { describe, expect, it } from 'vitest';
import { type CompositionInput, checkCommissionComposition } from './commission-composition.ts';
import type { Member } from './people.ts';

const internal = (userId: string, p: Partial<Member> = {}): Member => ({
  userId,
  displayName: userId,
  affiliation: 'internal',
  firstTime: false,
  extra: false,
  ...p,
});
const external = (userId: string, p: Partial<Member> = {}): Member =>
  internal(userId, { affiliation: 'external', ...p });
const check = (p: Partial<CompositionInput>) =>
  checkCommissionComposition({
    examKind: 'written',
    purpose: 'ordinary',
    members: [internal('a'), external('b')],
    candidates: [{ number: '101' }, { number: '102' }],
    ...p,
  });

describe('checkCommissionComposition', () => {
  it('accepts an ordinary commission of an experienced examiner and a second examiner', () => {
    expect(check({})).toEqual({ ok: true });
  });

  it('R17 a commission without an examiner cannot be saved; the extra examiner does not count', () => {
    expect(check({ members: [] })).toMatchObject({ ok: false, reason: 'noExaminers' });
    expect(check({ members: [external('x', { extra: true })] })).toMatchObject({ reason: 'noExaminers' });
    expect(check({ members: [], examKind: 'mastersThesis' })).toMatchObject({ reason: 'tooFewExaminers' });
  });

  it('R17 a first-time examiner never grades alone', () => {
    expect(check({ members: [internal('new', { firstTime: true })] })).toMatchObject({
      ok: false,
      reason: 'firstTimeAlone',
    });
    expect(
      check({ members: [internal('new', { firstTime: true }), external('new2', { firstTime: true })] }),
    ).toMatchObject({ ok: false, reason: 'firstTimeAlone' });
    // An experienced extra examiner does not grade with them.
    expect(
      check({ members: [internal('new', { firstTime: true }), external('x', { extra: true })] }),
    ).toMatchObject({ ok: false, reason: 'firstTimeAlone' });
    expect(check({ members: [internal('new', { firstTime: true }), external('old')] })).toEqual({ ok: true });
  });

  it('R17 master’s thesis: at least two examiners, at least one external', () => {
    expect(check({ examKind: 'mastersThesis', members: [external('a')] })).toMatchObject({
      ok: false,
      reason: 'tooFewExaminers',
    });
    expect(check({ examKind: 'mastersThesis', members: [internal('a'), internal('b')] })).toMatchObject({
      ok: false,
      reason: 'noExternal',
    });
    expect(check({ examKind: 'mastersThesis' })).toEqual({ ok: true });
  });

  it('R17 master’s thesis: never the candidate’s supervisor, not even as extra examiner', () => {
    const candidates = [{ number: '101', supervisorId: 'sup' }, { number: '102' }];
    expect(
      check({ examKind: 'mastersThesis', candidates, members: [internal('sup'), external('b')] }),
    ).toEqual({
      ok: false,
      reason: 'supervisorInCommission',
      detail: 'sup supervises candidate 101',
      problems: [{ reason: 'supervisorInCommission', detail: 'sup supervises candidate 101' }],
    });
    expect(
      check({
        examKind: 'mastersThesis',
        candidates,
        members: [internal('a'), external('b'), internal('sup', { extra: true })],
      }),
    ).toMatchObject({ ok: false, reason: 'supervisorInCommission' });
    expect(check({ examKind: 'mastersThesis', candidates })).toEqual({ ok: true });
  });

  it('R17 lists every problem so the coordinator can fix them in one go', () => {
    const result = check({
      examKind: 'mastersThesis',
      members: [internal('sup', { firstTime: true })],
      candidates: [{ number: '101', supervisorId: 'sup' }],
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'firstTimeAlone',
      problems: [
        { reason: 'firstTimeAlone' },
        { reason: 'tooFewExaminers' },
        { reason: 'noExternal' },
        { reason: 'supervisorInCommission' },
      ],
    });
  });

  describe('appeal (R9)', () => {
    const ordinaryExaminers = new Map([
      ['101', ['o1', 'o2']],
      ['102', ['o3', 'o2']],
    ]);
    const appeal = (members: Member[]) => check({ purpose: 'appeal', members, ordinaryExaminers });

    it('R9 appeal commission: two examiners, at least one external, none from the ordinary grading', () => {
      expect(appeal([internal('a1'), external('a2')])).toEqual({ ok: true });
    });

    it('R9 appeal commission: refuses one examiner, three examiners, or no external', () => {
      expect(appeal([external('a1')])).toMatchObject({ ok: false, reason: 'tooFewExaminers' });
      expect(appeal([external('a1'), external('a2'), internal('a3')])).toMatchObject({
        ok: false,
        reason: 'tooManyExaminers',
      });
      expect(appeal([internal('a1'), internal('a2')])).toMatchObject({ ok: false, reason: 'noExternal' });
    });

    it('R9 appeal commission: refuses an examiner who took part in the ordinary grading of the candidate', () => {
      expect(appeal([internal('a1'), external('o2')])).toMatchObject({
        ok: false,
        reason: 'tookPartInOrdinary',
        problems: [
          { reason: 'tookPartInOrdinary', detail: 'o2 graded candidate 101' },
          { reason: 'tookPartInOrdinary', detail: 'o2 graded candidate 102' },
        ],
      });
      // Graded another candidate only: not a problem for these two.
      expect(appeal([internal('o9'), external('a2')])).toEqual({ ok: true });
    });

    it('R9 an appeal on a master’s thesis needs no third examiner, but still never the supervisor', () => {
      const result = check({
        examKind: 'mastersThesis',
        purpose: 'appeal',
        members: [internal('sup'), external('a2')],
        candidates: [{ number: '101', supervisorId: 'sup' }],
      });
      expect(result).toMatchObject({
        ok: false,
        reason: 'supervisorInCommission',
        problems: [{ reason: 'supervisorInCommission' }],
      });
    });
  });

  it('R17 a member named twice is refused, whatever the affiliations', () => {
    expect(check({ members: [internal('a'), external('a')] })).toMatchObject({
      ok: false,
      reason: 'duplicateMember',
      problems: [{ reason: 'duplicateMember', detail: 'a' }],
    });
  });

  it("R9 an ordinary commission may not take in a candidate's appeal or third-grading examiner", () => {
    const regradingExaminers = new Map([['102', ['x1']]]);
    expect(check({ members: [internal('a'), external('x1')], regradingExaminers })).toMatchObject({
      ok: false,
      reason: 'gradesRegrading',
      problems: [{ reason: 'gradesRegrading', detail: 'x1 re-grades candidate 102' }],
    });
    // The re-grading examiner of a candidate the commission does not hold is no problem.
    expect(
      check({
        members: [internal('a'), external('x1')],
        candidates: [{ number: '101' }],
        regradingExaminers,
      }),
    ).toEqual({ ok: true });
  });
});
