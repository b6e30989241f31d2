import type { Clock } from '../ports.ts';

export type RateLimiter = {
  /** Whether another attempt under this key is allowed now. */
  allowed(key: string): boolean;
  /** Counts a failed attempt. */
  fail(key: string): void;
  reset(key: string): void;
};

/** Failed attempts per key in a fixed window, in memory: enough for one instance. */
export const createRateLimiter = (opts: { limit: number; windowMs: number; clock: Clock }): RateLimiter => {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (key: string) => {
    const now = opts.clock.now().getTime();
    const w = windows.get(key);
    if (w === undefined || now - w.start >= opts.windowMs) return undefined;
    return w;
  };
  const sweep = () => {
    const now = opts.clock.now().getTime();
    for (const [key, w] of windows) if (now - w.start >= opts.windowMs) windows.delete(key);
  };
  return {
    allowed: (key) => (current(key)?.failures ?? 0) < opts.limit,
    fail(key) {
      if (windows.size > 10_000) sweep();
      const w = current(key);
      if (w === undefined) windows.set(key, { start: opts.clock.now().getTime(), failures: 1 });
      else w.failures += 1;
    },
    reset: (key) => void windows.delete(key),
  };
};
