import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { norwegianPublicHolidays } from './norwegian-holidays.ts';

describe('Norwegian public holidays', () => {
  it('R14: are the public holidays date-holidays gives for Norway, 2020–2040', () => {
    const norway = new Holidays('NO');
    for (let year = 2020; year <= 2040; year++) {
      const expected = norway
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10))
        .sort();
      expect(norwegianPublicHolidays(year), String(year)).toEqual(expected);
    }
  });

  it('R14: put Easter where the calendar does (2024: 31 March; 2025: 20 April; 2038: 25 April)', () => {
    expect(norwegianPublicHolidays(2024)).toContain('2024-03-31');
    expect(norwegianPublicHolidays(2025)).toContain('2025-04-20');
    expect(norwegianPublicHolidays(2038)).toContain('2038-04-25');
  });
});
