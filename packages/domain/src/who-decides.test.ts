import { describe, expect, it } from 'vitest';
import { extraExaminer, gradingMembers, ordinaryExaminer } from './examiner-roles.ts';
import type { Member } from './people.ts';
import { whoDecides } from './who-decides.ts';

const internal = (userId: string, extra = false): Member => ({
  userId,
  displayName: userId,
  affiliation: 'internal',
  firstTime: false,
  extra,
});
const external = (userId: string, extra = false): Member => ({
  ...internal(userId, extra),
  affiliation: 'external',
});

describe('whoDecides', () => {
  it('R7 ordinary + second examiner: the ordinary examiner decides', () => {
    expect(
      whoDecides({
        examKind: 'written',
        purpose: 'ordinary',
        members: [internal('ord'), external('second')],
      }),
    ).toEqual({
      ok: true,
      decider: { by: 'examiner', userId: 'ord' },
    });
  });

  it('R7 ordinary + second examiner: the named second examiner does not decide, whatever the affiliations', () => {
    const members = [internal('a'), internal('b')];
    expect(whoDecides({ examKind: 'written', purpose: 'ordinary', members, secondExaminerId: 'a' })).toEqual({
      ok: true,
      decider: { by: 'examiner', userId: 'b' },
    });
    expect(whoDecides({ examKind: 'paper', purpose: 'ordinary', members })).toMatchObject({
      ok: false,
      reason: 'ordinaryExaminerUnclear',
    });
  });

  it('R7 oral exam: the two examiners must agree between themselves', () => {
    const members = [internal('a'), external('b')];
    expect(whoDecides({ examKind: 'oral', purpose: 'ordinary', members })).toEqual({
      ok: true,
      decider: { by: 'agreement', userIds: ['a', 'b'] },
    });
    expect(whoDecides({ examKind: 'oral', purpose: 'ordinary', members: [internal('a')] })).toMatchObject({
      ok: false,
      reason: 'tooFewExaminers',
    });
  });

  it('R7 master’s thesis: an extra examiner mediates, then decides', () => {
    const members = [internal('a'), external('b')];
    expect(whoDecides({ examKind: 'mastersThesis', purpose: 'ordinary', members })).toEqual({
      ok: true,
      decider: { by: 'extraExaminer', mediatesFirst: true, userId: null },
    });
    expect(
      whoDecides({
        examKind: 'mastersThesis',
        purpose: 'ordinary',
        members: [...members, internal('x', true)],
      }),
    ).toEqual({ ok: true, decider: { by: 'extraExaminer', mediatesFirst: true, userId: 'x' } });
  });

  it('R7 appeal with one internal and one external: the external decides', () => {
    expect(
      whoDecides({ examKind: 'written', purpose: 'appeal', members: [internal('i'), external('e')] }),
    ).toEqual({
      ok: true,
      decider: { by: 'examiner', userId: 'e' },
    });
  });

  it('R7 appeal with two externals: an extra examiner decides', () => {
    const members = [external('e1'), external('e2'), internal('x', true)];
    expect(whoDecides({ examKind: 'written', purpose: 'appeal', members })).toEqual({
      ok: true,
      decider: { by: 'extraExaminer', mediatesFirst: false, userId: 'x' },
    });
  });

  it('R7 an appeal commission without an external, or with one examiner, has nobody to decide', () => {
    expect(
      whoDecides({ examKind: 'written', purpose: 'appeal', members: [internal('a'), internal('b')] }),
    ).toMatchObject({
      ok: false,
      reason: 'noExternal',
    });
    expect(whoDecides({ examKind: 'written', purpose: 'appeal', members: [external('a')] })).toMatchObject({
      ok: false,
      reason: 'tooFewExaminers',
    });
  });

  it('R7 a third grading of two internals (NHH) takes an extra examiner', () => {
    expect(
      whoDecides({ examKind: 'written', purpose: 'third', members: [internal('a'), internal('b')] }),
    ).toEqual({
      ok: true,
      decider: { by: 'extraExaminer', mediatesFirst: false, userId: null },
    });
    expect(
      whoDecides({ examKind: 'written', purpose: 'third', members: [internal('a'), external('b')] }),
    ).toEqual({
      ok: true,
      decider: { by: 'examiner', userId: 'b' },
    });
  });
});

describe('examiner roles', () => {
  it('separates the extra examiner from the grading members', () => {
    const members = [internal('a'), external('x', true)];
    expect(gradingMembers(members).map((m) => m.userId)).toEqual(['a']);
    expect(extraExaminer(members)?.userId).toBe('x');
    expect(extraExaminer([internal('a')])).toBeUndefined();
  });

  it('finds the ordinary examiner: a sole examiner, the only internal, or everyone but the second', () => {
    expect(ordinaryExaminer([external('solo')])).toMatchObject({ ok: true, member: { userId: 'solo' } });
    expect(ordinaryExaminer([external('e'), internal('i')])).toMatchObject({
      ok: true,
      member: { userId: 'i' },
    });
    expect(ordinaryExaminer([external('a'), external('b')], 'a')).toMatchObject({
      ok: true,
      member: { userId: 'b' },
    });
    expect(ordinaryExaminer([external('a'), external('b')])).toEqual({
      ok: false,
      reason: 'ordinaryExaminerUnclear',
      detail: 'a, b',
    });
    expect(ordinaryExaminer([])).toMatchObject({ ok: false, reason: 'ordinaryExaminerUnclear' });
  });
});
