import { describe, expect, it } from 'vitest';
import { lastValue, rememberRead } from './remembered.ts';

describe('lastValue', () => {
  it('computes again only when a key changes', () => {
    const last = lastValue<number>();
    let runs = 0;
    const doc = {};
    const read = (version: number, d: object = doc) => last([d, version], () => ++runs);
    expect(read(1)).toBe(1);
    expect(read(1)).toBe(1);
    expect(read(2)).toBe(2);
    expect(read(2, {})).toBe(3);
    expect(runs).toBe(3);
  });
});

describe('rememberRead', () => {
  it('keeps each answer by its arguments, undefined included', () => {
    const calls: string[] = [];
    const read = rememberRead((a: string, b: string) => {
      calls.push(`${a}/${b}`);
      return a === 'none' ? undefined : a + b;
    });
    expect(read('x', 'y')).toBe('xy');
    expect(read('x', 'y')).toBe('xy');
    expect(read('none', 'y')).toBeUndefined();
    expect(read('none', 'y')).toBeUndefined();
    expect(read('x', 'z')).toBe('xz');
    expect(calls).toEqual(['x/y', 'none/y', 'x/z']);
  });
});
