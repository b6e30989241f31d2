import { describe, expect, it } from 'vitest';
import type { Policies } from './exam.ts';
import { type ConfirmationInput, mayConfirmFinalGrade } from './final-grade-confirmation.ts';
import type { Member } from './people.ts';
import type { Marks } from './records.ts';

const member = (userId: string, extra = false): Member => ({
  userId,
  displayName: userId,
  affiliation: 'internal',
  firstTime: false,
  extra,
});
const policies = (p: Partial<Policies> = {}): ConfirmationInput['policies'] => ({
  marksMode: 'shared',
  confirmation: 'collaborative',
  alignMarks: false,
  cheatingPolicy: 'withhold',
  ...p,
});
const input = (p: Partial<ConfirmationInput> = {}): ConfirmationInput => ({
  policies: policies(),
  questions: [{ id: 'q1' }, { id: 'q2' }],
  members: [member('e1'), member('e2')],
  confirmations: [],
  cheatingSuspected: false,
  ...p,
});

describe('mayConfirmFinalGrade', () => {
  it('R5 collaborative: every examiner has confirmed the same grade', () => {
    const result = mayConfirmFinalGrade(
      input({
        confirmations: [
          { userId: 'e1', grade: 'B' },
          { userId: 'e2', grade: 'B' },
        ],
      }),
    );
    expect(result).toEqual({ ok: true, grade: 'B', confirmedBy: ['e1', 'e2'] });
  });

  it('R5 collaborative: names the examiners who have not confirmed yet', () => {
    const result = mayConfirmFinalGrade(input({ confirmations: [{ userId: 'e1', grade: 'B' }] }));
    expect(result).toMatchObject({
      ok: false,
      reason: 'awaitingConfirmations',
      blockers: { unconfirmed: ['e2'] },
    });
  });

  it('R5 collaborative: different confirmed grades block and are listed (R7 decides)', () => {
    const result = mayConfirmFinalGrade(
      input({
        confirmations: [
          { userId: 'e1', grade: 'B' },
          { userId: 'e2', grade: 'C' },
        ],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'gradesDisagree',
      blockers: {
        disagreeing: [
          { userId: 'e1', grade: 'B' },
          { userId: 'e2', grade: 'C' },
        ],
      },
    });
  });

  it('R5 quick: one confirmation suffices on behalf of the commission', () => {
    const result = mayConfirmFinalGrade(
      input({ policies: policies({ confirmation: 'quick' }), confirmations: [{ userId: 'e2', grade: 'A' }] }),
    );
    expect(result).toEqual({ ok: true, grade: 'A', confirmedBy: ['e2'] });
  });

  it('R5 quick: without any confirmation every examiner may still confirm', () => {
    const result = mayConfirmFinalGrade(input({ policies: policies({ confirmation: 'quick' }) }));
    expect(result).toMatchObject({
      ok: false,
      reason: 'awaitingConfirmations',
      blockers: { unconfirmed: ['e1', 'e2'] },
    });
  });

  it('R5 counts only the grading members: the extra examiner and strangers do not confirm for the commission', () => {
    const members = [member('e1'), member('e2'), member('x', true)];
    const confirmations = [
      { userId: 'e1', grade: 'D' as const },
      { userId: 'e2', grade: 'D' as const },
      { userId: 'x', grade: 'A' as const },
      { userId: 'stranger', grade: 'F' as const },
    ];
    expect(mayConfirmFinalGrade(input({ members, confirmations }))).toEqual({
      ok: true,
      grade: 'D',
      confirmedBy: ['e1', 'e2'],
    });
  });

  describe('alignMarks in individual mode', () => {
    const individual = policies({ marksMode: 'individual', alignMarks: true });
    const confirmed = [
      { userId: 'e1', grade: 'B' as const },
      { userId: 'e2', grade: 'B' as const },
    ];
    const marks = (e1: Marks, e2: Marks) =>
      new Map([
        ['e1', e1],
        ['e2', e2],
      ]);

    it('R5 alignMarks: every question carries the same points from every examiner', () => {
      const result = mayConfirmFinalGrade(
        input({
          policies: individual,
          confirmations: confirmed,
          individualMarks: marks({ q1: 3, q2: 4 }, { q1: 3, q2: 4 }),
        }),
      );
      expect(result).toMatchObject({ ok: true, grade: 'B' });
    });

    it('R5 alignMarks: names the questions where the points differ or are missing', () => {
      const result = mayConfirmFinalGrade(
        input({
          policies: individual,
          confirmations: confirmed,
          individualMarks: marks({ q1: 3, q2: 4 }, { q1: 2 }),
        }),
      );
      expect(result).toMatchObject({
        ok: false,
        reason: 'marksDoNotAlign',
        blockers: { differingQuestions: ['q1', 'q2'], unconfirmed: [] },
      });
      const noMarks = mayConfirmFinalGrade(input({ policies: individual, confirmations: confirmed }));
      expect(noMarks).toMatchObject({ ok: false, blockers: { differingQuestions: ['q1', 'q2'] } });
    });

    it('R5 alignMarks does not apply in shared mode, where there is one set of marks', () => {
      const result = mayConfirmFinalGrade(
        input({
          policies: policies({ alignMarks: true }),
          confirmations: confirmed,
          individualMarks: marks({ q1: 1 }, {}),
        }),
      );
      expect(result).toMatchObject({ ok: true });
    });

    it('R5 reports every blocker at once: differing questions and who has not confirmed', () => {
      const result = mayConfirmFinalGrade(
        input({
          policies: individual,
          confirmations: [{ userId: 'e1', grade: 'B' }],
          individualMarks: marks({ q1: 3, q2: 4 }, { q1: 3, q2: 5 }),
        }),
      );
      expect(result).toEqual({
        ok: false,
        reason: 'marksDoNotAlign',
        blockers: { cheatingHold: false, unconfirmed: ['e2'], disagreeing: [], differingQuestions: ['q2'] },
      });
    });
  });

  it('R11 noGrade: a cheating hold blocks the final grade', () => {
    const confirmations = [
      { userId: 'e1', grade: 'F' as const },
      { userId: 'e2', grade: 'F' as const },
    ];
    const held = mayConfirmFinalGrade(
      input({ policies: policies({ cheatingPolicy: 'noGrade' }), confirmations, cheatingSuspected: true }),
    );
    expect(held).toMatchObject({ ok: false, reason: 'cheatingHold', blockers: { cheatingHold: true } });
  });

  it('R11 withhold: grading goes on under suspicion; only publication is withheld', () => {
    const confirmations = [
      { userId: 'e1', grade: 'F' as const },
      { userId: 'e2', grade: 'F' as const },
    ];
    expect(mayConfirmFinalGrade(input({ confirmations, cheatingSuspected: true }))).toMatchObject({
      ok: true,
    });
  });

  describe('R7 decider settles a disagreement', () => {
    const disagreeing = [
      { userId: 'e1', grade: 'B' as const },
      { userId: 'e2', grade: 'D' as const },
    ];

    it('R7 ordinary + second examiner: the ordinary examiner’s confirmed grade becomes the final grade', () => {
      const result = mayConfirmFinalGrade(
        input({ confirmations: disagreeing, decider: { by: 'examiner', userId: 'e1' } }),
      );
      expect(result).toEqual({ ok: true, grade: 'B', confirmedBy: ['e1', 'e2'], decidedBy: 'e1' });
    });

    it('R7 master’s thesis: the extra examiner decides once they have confirmed', () => {
      const members = [member('e1'), member('e2'), member('x', true)];
      const decider = { by: 'extraExaminer' as const, mediatesFirst: true, userId: 'x' };
      expect(mayConfirmFinalGrade(input({ members, confirmations: disagreeing, decider }))).toMatchObject({
        ok: false,
        reason: 'gradesDisagree',
      });
      const decided = mayConfirmFinalGrade(
        input({ members, confirmations: [...disagreeing, { userId: 'x', grade: 'C' }], decider }),
      );
      expect(decided).toMatchObject({ ok: true, grade: 'C', decidedBy: 'x' });
    });

    it('R7 oral exam: nobody settles it, the examiners must agree', () => {
      const decider = { by: 'agreement' as const, userIds: ['e1', 'e2'] };
      expect(mayConfirmFinalGrade(input({ confirmations: disagreeing, decider }))).toMatchObject({
        ok: false,
        reason: 'gradesDisagree',
      });
      const unappointed = { by: 'extraExaminer' as const, mediatesFirst: true, userId: null };
      expect(mayConfirmFinalGrade(input({ confirmations: disagreeing, decider: unappointed }))).toMatchObject(
        {
          ok: false,
          reason: 'gradesDisagree',
        },
      );
    });

    it('R7 the decider waits until every examiner has confirmed', () => {
      const members = [member('e1'), member('e2'), member('e3')];
      const result = mayConfirmFinalGrade(
        input({ members, confirmations: disagreeing, decider: { by: 'examiner', userId: 'e1' } }),
      );
      expect(result).toMatchObject({
        ok: false,
        reason: 'gradesDisagree',
        blockers: { unconfirmed: ['e3'] },
      });
    });
  });
});

describe('mayConfirmFinalGrade with a second-examiner sample (R8)', () => {
  it('R8: a paper outside the sample does not wait for the excused second examiner; one inside does', () => {
    const first = [{ userId: 'e1', grade: 'C' as const }];
    expect(mayConfirmFinalGrade(input({ confirmations: first, excused: ['e2'] }))).toEqual({
      ok: true,
      grade: 'C',
      confirmedBy: ['e1'],
    });
    const waiting = mayConfirmFinalGrade(input({ confirmations: first }));
    expect(waiting).toMatchObject({ ok: false, reason: 'awaitingConfirmations' });
    expect(waiting.ok === false && 'blockers' in waiting && waiting.blockers.unconfirmed).toEqual(['e2']);
  });

  it('R8: an excused second examiner who confirmed anyway counts: a different grade is a disagreement', () => {
    const result = mayConfirmFinalGrade(
      input({
        confirmations: [
          { userId: 'e1', grade: 'C' },
          { userId: 'e2', grade: 'A' },
        ],
        excused: ['e2'],
      }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'gradesDisagree' });
  });

  it('R8: excusing nobody but the first examiner still leaves the first examiner to confirm', () => {
    const result = mayConfirmFinalGrade(input({ confirmations: [], excused: ['e2'] }));
    expect(result).toMatchObject({
      ok: false,
      reason: 'awaitingConfirmations',
      blockers: { unconfirmed: ['e1'] },
    });
  });

  it('R8: with aligned marks, only the examiners the paper waits for must agree on the points', () => {
    const result = mayConfirmFinalGrade(
      input({
        policies: policies({ marksMode: 'individual', alignMarks: true }),
        confirmations: [{ userId: 'e1', grade: 'B' }],
        individualMarks: new Map([['e1', { q1: 5, q2: 5 }]]),
        excused: ['e2'],
      }),
    );
    expect(result).toMatchObject({ ok: true, grade: 'B' });
  });
});
