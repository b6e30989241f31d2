/**
 * The calendar date `n` working days (Monday–Friday) before `now`, in UTC. The demo only needs a
 * plausible exam date; deadlines proper count Norwegian public holidays too (R14, in the domain).
 */
export const workingDaysBefore = (now: Date, n: number): string => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() - 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
};
