import type { IsoDate } from './ids.ts';

const dayMs = 86_400_000;
const iso = (year: number, month: number, day: number, offsetDays = 0): IsoDate =>
  new Date(Date.UTC(year, month - 1, day) + offsetDays * dayMs).toISOString().slice(0, 10);

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm), as [month, day]. */
export const easterSunday = (year: number): [number, number] => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
};

/**
 * Norway's public holidays of a year (helligdager and the two state holidays, 1 and 17 May), not
 * observances such as Christmas Eve: the fixed days and the days around Easter. A test holds this to
 * the `date-holidays` package for 2020–2040; the package itself (every country's rules) is not loaded.
 */
export const norwegianPublicHolidays = (year: number): IsoDate[] => {
  const [month, day] = easterSunday(year);
  const easter = (offset: number) => iso(year, month, day, offset);
  return [
    iso(year, 1, 1), // New Year's Day
    easter(-3), // Maundy Thursday
    easter(-2), // Good Friday
    easter(0), // Easter Sunday
    easter(1), // Easter Monday
    iso(year, 5, 1), // Labour Day
    iso(year, 5, 17), // Constitution Day
    easter(39), // Ascension Day
    easter(49), // Whit Sunday
    easter(50), // Whit Monday
    iso(year, 12, 25), // Christmas Day
    iso(year, 12, 26), // St Stephen's Day
  ].sort();
};
