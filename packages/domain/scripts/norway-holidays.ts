import Holidays from 'date-holidays';

/** The years the generated table covers: every exam date and deadline Cograde can meet. */
export const firstYear = 2000;
export const lastYear = 2100;

/**
 * Norway's public holidays (helligdager and the state holidays 1 and 17 May, not observances such as
 * Christmas Eve) per year, as date-holidays gives them, written as `MM-DD` days.
 */
export const norwegianHolidaysFromDateHolidays = (
  from = firstYear,
  to = lastYear,
): Record<number, string> => {
  const norway = new Holidays('NO');
  const table: Record<number, string> = {};
  for (let year = from; year <= to; year++) {
    table[year] = norway
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(5, 10))
      .sort()
      .join(' ');
  }
  return table;
};
