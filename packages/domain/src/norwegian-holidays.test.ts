import { describe, expect, it } from 'vitest';
import { firstYear, lastYear, norwegianHolidaysFromDateHolidays } from '../scripts/norway-holidays.ts';
import { holidayYears } from './holiday-years.ts';
import { norwegianHolidayTable } from './norwegian-holidays.data.ts';
import { norwegianPublicHolidays } from './norwegian-holidays.ts';

describe('Norwegian public holidays', () => {
  it('R14: the generated table is what date-holidays gives for Norway, every year it covers', () => {
    expect([firstYear, lastYear]).toEqual([holidayYears.first, holidayYears.last]);
    expect(norwegianHolidayTable).toEqual(norwegianHolidaysFromDateHolidays());
  });

  it('R14: Easter and the days around it move with the calendar (2024: 31 March; 2025: 20 April; 2038: 25 April)', () => {
    expect(norwegianPublicHolidays(2024)).toContain('2024-03-31');
    expect(norwegianPublicHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-04-17',
      '2025-04-18',
      '2025-04-20',
      '2025-04-21',
      '2025-05-01',
      '2025-05-17',
      '2025-05-29',
      '2025-06-08',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(norwegianPublicHolidays(2038)).toContain('2038-04-25');
  });

  it('R14: refuses a year outside the table rather than counting it without holidays', () => {
    expect(() => norwegianPublicHolidays(1999)).toThrow(/2000–2100, not 1999/);
    expect(() => norwegianPublicHolidays(2101)).toThrow(RangeError);
  });
});
