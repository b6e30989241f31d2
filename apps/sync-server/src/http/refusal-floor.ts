import type { MiddlewareHandler } from 'hono';

/** Long enough to cover every lookup a refusal makes on this server (a few SQLite reads). */
export const refusalFloorMs = 25;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits out what is left of the floor for a refusal whose work began at `start` (`performance.now()`). */
export const holdRefusal = async (start: number, floorMs = refusalFloorMs): Promise<void> => {
  const left = floorMs - (performance.now() - start);
  if (left > 0) await wait(left);
};

/**
 * R9: "refused" and "not found" answer alike in content (403 either way); this makes them alike in time
 * too. Every 403 and 404 is held until `floorMs` after the request arrived, so how long the server looked
 * (does the commission exist? is the candidate in it? is a grade registered?) cannot be read off the
 * clock by someone who may not see the answer. Successful answers are not delayed.
 */
export const refusalFloor = (
  opts: { floorMs?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): MiddlewareHandler => {
  const floorMs = opts.floorMs ?? refusalFloorMs;
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? wait;
  return async (c, next) => {
    const start = now();
    await next();
    if (c.res.status !== 403 && c.res.status !== 404) return;
    const left = floorMs - (now() - start);
    if (left > 0) await sleep(left);
  };
};
