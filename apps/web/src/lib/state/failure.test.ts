import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { failureOf, problemsOf } from './failure.ts';

describe('failed calls', () => {
  it('shows the server’s text with its detail, and the problems it listed', () => {
    expect(failureOf(new ApiError('noOrdinaryGrade', 409, 'No ordinary grade.', 'candidate 117'))).toEqual({
      reason: 'noOrdinaryGrade',
      message: 'No ordinary grade. (candidate 117)',
      detail: 'candidate 117',
      problems: [],
    });
    const problems = [{ reason: 'noExternal', message: 'No external examiner.' }];
    expect(failureOf(new ApiError('noExternal', 422, 'Refused.', 'two', problems))).toMatchObject({
      message: 'Refused.',
      problems,
    });
    expect(failureOf(new Error('boom'))).toEqual({
      reason: 'unexpected',
      message: 'Error: boom',
      detail: 'Error: boom',
      problems: [],
    });
  });

  it('R17 R9 lists every problem of a refused appeal commission, as the server names them', () => {
    const problems = [
      { reason: 'noExternal', message: 'No external examiner.' },
      { reason: 'tookPartInOrdinary', message: 'Took part.', detail: 'examiner1 graded candidate 118' },
    ];
    expect(
      problemsOf(failureOf(new ApiError('noExternal', 422, 'No external examiner.', undefined, problems))),
    ).toEqual(problems);
  });

  it('R9 any other refusal is one problem, its detail kept; no failure, no problems', () => {
    expect(problemsOf(failureOf(new ApiError('noOrdinaryGrade', 409, 'x', 'candidate 117')))).toEqual([
      { reason: 'noOrdinaryGrade', message: 'x (candidate 117)', detail: 'candidate 117' },
    ]);
    expect(problemsOf(failureOf(new ApiError('appealExists', 409, 'x')))).toEqual([
      { reason: 'appealExists', message: 'x' },
    ]);
    expect(problemsOf(failureOf(new Error('boom')))).toEqual([
      { reason: 'unexpected', message: 'Error: boom', detail: 'Error: boom' },
    ]);
    expect(problemsOf(null)).toEqual([]);
  });
});
