import type { deadlineOf } from './deadline.ts';

export type Deadline = ReturnType<typeof deadlineOf>;

let compute: typeof deadlineOf | null = $state(null);
let loading = false;

/** The deadline once the holiday tables have loaded; `null` until then. */
export const deadline = (examDate: string, workingDays: number, today: string): Deadline | null => {
  if (compute === null) {
    if (!loading) {
      loading = true;
      void import('./deadline.ts').then((m) => {
        compute = m.deadlineOf;
      });
    }
    return null;
  }
  return compute(examDate, workingDays, today);
};
