import { gradingDeadline, isOverdue, remainingWorkingDays } from '@cograde/domain';

/**
 * R14 with Norwegian public holidays. Loaded on demand: the holiday tables are large and the first
 * screen must stay small.
 */
export const deadlineOf = (examDate: string, workingDays: number, today: string) => {
  const date = gradingDeadline(examDate, { gradingDeadline: workingDays });
  return { date, daysLeft: remainingWorkingDays(today, date), overdue: isOverdue(today, date) };
};
