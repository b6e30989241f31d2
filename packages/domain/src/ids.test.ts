import { describe, expect, it } from 'vitest';
import { byTime, isoDateTimeSchema } from './ids.ts';

describe('byTime', () => {
  it('orders ISO timestamps as their instants are ordered', () => {
    const times = [
      '2026-11-24T10:00:00.000Z',
      '2026-11-23T23:59:59.999Z',
      '2026-11-24T09:59:59.999Z',
      '2025-12-31T00:00:00.000Z',
      '2026-11-24T10:00:00.000Z',
    ];
    for (const t of times) expect(isoDateTimeSchema.safeParse(t).success).toBe(true);
    const sorted = [...times].sort(byTime);
    expect(sorted).toEqual([...times].sort((a, b) => Date.parse(a) - Date.parse(b)));
    expect(byTime(times[0] ?? '', times[4] ?? '')).toBe(0);
  });
});
