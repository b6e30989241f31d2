import { describe, expect, it } from 'vitest';
import { formatPoints, parsePoints } from './points-input.ts';

describe('points entry', () => {
  it('reads points with a decimal point or comma, and empty as cleared', () => {
    expect(parsePoints('7', 10)).toEqual({ ok: true, points: 7 });
    expect(parsePoints(' 7,5 ', 10)).toEqual({ ok: true, points: 7.5 });
    expect(parsePoints('7.25', 10)).toEqual({ ok: true, points: 7.25 });
    expect(parsePoints('', 10)).toEqual({ ok: true, points: undefined });
  });

  it('R18 refuses points outside 0 and the maximum, and anything that is not a number', () => {
    expect(parsePoints('11', 10)).toEqual({ ok: false });
    expect(parsePoints('-1', 10)).toEqual({ ok: false });
    expect(parsePoints('seven', 10)).toEqual({ ok: false });
    expect(parsePoints('1e2', 1000)).toEqual({ ok: false });
  });

  it('shows points in the reader’s decimal style', () => {
    expect(formatPoints(7.5, 'nb')).toBe('7,5');
    expect(formatPoints(7.5, 'en')).toBe('7.5');
    expect(formatPoints(undefined, 'en')).toBe('');
  });
});
