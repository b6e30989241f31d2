import type { Policies } from './exam.ts';
import type { IsoDate } from './ids.ts';
import { norwegianPublicHolidays } from './norwegian-holidays.ts';

/**
 * R14: deadlines count working days: weekdays that are not Norwegian public holidays. Dates are calendar
 * dates ("2026-05-14") handled in UTC so that the machine's time zone never moves a day.
 */

const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

/** Norwegian public holidays of a year (not observances or bank holidays such as Christmas Eve). */
const publicHolidays = (year: number): ReadonlySet<IsoDate> => {
  let holidays = holidaysByYear.get(year);
  if (holidays === undefined) {
    holidays = new Set(norwegianPublicHolidays(year));
    holidaysByYear.set(year, holidays);
  }
  return holidays;
};

const dayMs = 86_400_000;
const toDay = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`) / dayMs;
const fromDay = (day: number): IsoDate => new Date(day * dayMs).toISOString().slice(0, 10);

export const isPublicHoliday = (date: IsoDate): boolean => publicHolidays(Number(date.slice(0, 4))).has(date);

export const isWorkingDay = (date: IsoDate): boolean => {
  const weekday = new Date(toDay(date) * dayMs).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date);
};

/** The date `n` working days after `date` (before it, for negative `n`); `date` itself is not counted. */
export const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
  const step = n < 0 ? -1 : 1;
  let day = toDay(date);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDay(fromDay(day))) left -= 1;
  }
  return fromDay(day);
};

/** R14: the last day of grading, the policy's number of working days after the exam. */
export const gradingDeadline = (examDate: IsoDate, policy: Pick<Policies, 'gradingDeadline'>): IsoDate =>
  addWorkingDays(examDate, policy.gradingDeadline);

/** R14: results are published the working day after the grading deadline. */
export const publicationDay = (deadline: IsoDate): IsoDate => addWorkingDays(deadline, 1);

/**
 * Working days left until the deadline: those after `today` up to and including the deadline. Past the
 * deadline it is the negative count of working days overdue (0 on a weekend right after it).
 */
export const remainingWorkingDays = (today: IsoDate, deadline: IsoDate): number => {
  const [from, to, sign] = today <= deadline ? [today, deadline, 1] : [deadline, today, -1];
  let count = 0;
  for (let day = toDay(from) + 1; day <= toDay(to); day += 1) {
    if (isWorkingDay(fromDay(day))) count += 1;
  }
  return count === 0 ? 0 : sign * count;
};

/** Overdue from the first day after the deadline, working day or not. */
export const isOverdue = (today: IsoDate, deadline: IsoDate): boolean => today > deadline;
