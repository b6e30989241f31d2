/**
 * Runs `run(key)` once, `delayMs` after the first call for that key; calls in between share the run.
 * Progress is derived from documents that change in bursts (typing, presence), so one recount per burst.
 */
export const perKeyDebounce = (
  delayMs: number,
  run: (key: string) => Promise<void>,
  onError: (key: string, error: unknown) => void,
) => {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    schedule(key: string) {
      if (pending.has(key)) return;
      const timer = setTimeout(() => {
        pending.delete(key);
        run(key).catch((error: unknown) => onError(key, error));
      }, delayMs);
      timer.unref();
      pending.set(key, timer);
    },
    stop() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
};
