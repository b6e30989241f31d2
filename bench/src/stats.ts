/** Percentiles, medians and spreads of the figures the harness reports. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

export const median = (values: readonly number[]) => percentile(values, 50);

/** A figure over several repetitions: the median is the figure, min and max its spread. */
export type Figure = { median: number; min: number; max: number; runs: number[] };

export const figure = (runs: readonly number[]): Figure => {
  const finite = runs.filter((v) => Number.isFinite(v));
  return {
    median: round(median(finite)),
    min: round(finite.length ? Math.min(...finite) : Number.NaN),
    max: round(finite.length ? Math.max(...finite) : Number.NaN),
    runs: runs.map((v) => round(v)),
  };
};

export const round = (v: number, digits = 2) => {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
