import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { problemsOf } from './appeals.svelte.ts';

describe('appeal refusals', () => {
  it('R17 R9 lists every problem of a refused appeal commission, as the server names them', () => {
    const problems = [
      { reason: 'noExternal', message: 'No external examiner.' },
      { reason: 'tookPartInOrdinary', message: 'Took part.', detail: 'examiner1 graded candidate 118' },
    ];
    expect(problemsOf(new ApiError('noExternal', 422, 'No external examiner.', undefined, problems))).toEqual(
      [{ reason: 'noExternal' }, { reason: 'tookPartInOrdinary', detail: 'examiner1 graded candidate 118' }],
    );
  });

  it('R9 any other refusal is one problem; an unknown reason is unexpected, never dropped', () => {
    expect(problemsOf(new ApiError('noOrdinaryGrade', 409, 'x', 'candidate 117'))).toEqual([
      { reason: 'noOrdinaryGrade', detail: 'candidate 117' },
    ]);
    expect(problemsOf(new ApiError('appealExists', 409, 'x'))).toEqual([{ reason: 'appealExists' }]);
    expect(
      problemsOf(new ApiError('noExternal', 422, 'x', undefined, [{ reason: 'madeUp', message: '?' }])),
    ).toEqual([{ reason: 'unexpected' }]);
    expect(problemsOf(new Error('boom'))).toEqual([{ reason: 'unexpected', detail: 'Error: boom' }]);
  });
});
