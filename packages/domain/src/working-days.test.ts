import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  gradingDeadline,
  isOverdue,
  isPublicHoliday,
  isWorkingDay,
  publicationDay,
  remainingWorkingDays,
} from './working-days.ts';

describe('working days', () => {
  it('R14 knows the Norwegian public holidays of 2026 and 2027, and nothing else', () => {
    for (const day of [
      '2026-01-01',
      '2026-04-02', // Maundy Thursday
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-14', // Ascension Day
      '2026-05-25', // Whit Monday
      '2026-12-25',
      '2027-03-25',
      '2027-03-29',
      '2027-05-06', // Ascension Day
      '2027-05-17', // Constitution Day, on a Monday
    ]) {
      expect(isPublicHoliday(day), day).toBe(true);
      expect(isWorkingDay(day), day).toBe(false);
    }
    // Christmas Eve and New Year's Eve are bank holidays, not public ones; 8 May is an observance.
    for (const day of ['2026-12-24', '2026-12-31', '2026-05-08', '2027-12-24', '2026-04-01']) {
      expect(isPublicHoliday(day), day).toBe(false);
      expect(isWorkingDay(day), day).toBe(true);
    }
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
  });

  it('R14 counts working days across Easter 2026', () => {
    expect(addWorkingDays('2026-03-31', 1)).toBe('2026-04-01');
    // Thursday 2, Friday 3, the weekend and Monday 6 April are not working days.
    expect(addWorkingDays('2026-03-31', 2)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-01');
    expect(addWorkingDays('2026-04-07', 0)).toBe('2026-04-07');
  });

  it('R14 skips Ascension Day and 17 May when it falls on a weekday', () => {
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15');
    // 17 May 2026 is a Sunday: Monday 18 is a working day.
    expect(addWorkingDays('2026-05-15', 1)).toBe('2026-05-18');
    // 2027: Ascension on 6 May, and 17 May is a Monday (and Whit Monday).
    expect(addWorkingDays('2027-05-05', 1)).toBe('2027-05-07');
    expect(addWorkingDays('2027-05-14', 1)).toBe('2027-05-18');
  });

  it('R14 crosses Christmas and the new year', () => {
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    // 25 and 26 December 2027 fall on the weekend.
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-27');
  });

  it('R14 the grading deadline is N working days after the exam, published the next working day', () => {
    // NHH: 14 working days from Friday 20 March 2026, across Easter.
    const deadline = gradingDeadline('2026-03-20', { gradingDeadline: 14 });
    expect(deadline).toBe('2026-04-14');
    expect(publicationDay(deadline)).toBe('2026-04-15');
    // A deadline just before Ascension Day is published on the Friday.
    expect(publicationDay('2026-05-13')).toBe('2026-05-15');
    // The exam's own day is not counted: 1 working day after Wednesday 2 December 2026 is Thursday.
    expect(gradingDeadline('2026-12-02', { gradingDeadline: 1 })).toBe('2026-12-03');
  });

  it('R14 counts the remaining working days, negative when overdue', () => {
    expect(remainingWorkingDays('2026-03-30', '2026-04-14')).toBe(8);
    expect(remainingWorkingDays('2026-04-14', '2026-04-14')).toBe(0);
    expect(remainingWorkingDays('2026-04-15', '2026-04-14')).toBe(-1);
    expect(remainingWorkingDays('2026-04-18', '2026-04-14')).toBe(-3);
    expect(isOverdue('2026-04-14', '2026-04-14')).toBe(false);
    expect(isOverdue('2026-04-15', '2026-04-14')).toBe(true);
  });

  it('R14 the Saturday after a Friday deadline is overdue with no working day lost yet', () => {
    expect(remainingWorkingDays('2026-04-18', '2026-04-17')).toBe(0);
    expect(isOverdue('2026-04-18', '2026-04-17')).toBe(true);
  });

  it('R14 counts back exactly the working days it added', () => {
    const dayArb = fc
      .integer({ min: 0, max: 729 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = addWorkingDays(start, n);
        expect(isWorkingDay(end)).toBe(true);
        expect(remainingWorkingDays(start, end)).toBe(n);
        expect(remainingWorkingDays(end, start)).toBe(-n);
      }),
    );
  });
});
