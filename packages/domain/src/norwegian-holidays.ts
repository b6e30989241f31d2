import { holidayYears } from './holiday-years.ts';
import type { IsoDate } from './ids.ts';
import { norwegianHolidayTable } from './norwegian-holidays.data.ts';

/**
 * Norway's public holidays of a year (helligdager and the state holidays 1 and 17 May, not observances
 * such as Christmas Eve), from a table generated from date-holidays (`scripts/generate-holidays.ts`);
 * a test holds the table to date-holidays.
 */
export const norwegianPublicHolidays = (year: number): IsoDate[] => {
  const days = norwegianHolidayTable[year];
  if (days === undefined) {
    throw new RangeError(
      `Norwegian public holidays are known for ${holidayYears.first}–${holidayYears.last}, not ${year}`,
    );
  }
  return days.split(' ').map((day) => `${year}-${day}`);
};
