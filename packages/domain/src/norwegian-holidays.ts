import type { IsoDate } from './ids.ts';
import { norwegianHolidayTable } from './norwegian-holidays.data.ts';

/** The years whose holidays are known: exam dates are refused outside them, so no deadline falls beyond. */
export const holidayYears = { first: 2000, last: 2100 } as const;

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
