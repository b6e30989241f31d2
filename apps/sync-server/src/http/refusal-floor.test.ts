import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { refusalFloor } from './refusal-floor.ts';

/** A clock the handlers move forward, so the test reads exactly what the floor asks to wait. */
const setUp = () => {
  let clock = 0;
  const waits: number[] = [];
  const app = new Hono();
  app.use(
    '*',
    refusalFloor({
      floorMs: 25,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    }),
  );
  // Each route "takes" a different time before it answers.
  app.get('/exists-but-refused', (c) => {
    clock += 9;
    return c.json({ error: 'forbidden' }, 403);
  });
  app.get('/missing', (c) => {
    clock += 2;
    return c.json({ error: 'forbidden' }, 403);
  });
  app.get('/slow-refusal', (c) => {
    clock += 40;
    return c.json({ error: 'forbidden' }, 403);
  });
  app.get('/allowed', (c) => {
    clock += 3;
    return c.json({ ok: true });
  });
  const timed = async (path: string) => {
    const start = clock;
    const res = await app.request(path);
    return { status: res.status, took: clock - start };
  };
  return { timed, waits };
};

describe('refusal floor', () => {
  it('R9: a refusal takes the same time whether the thing exists or not', async () => {
    const { timed } = setUp();
    const refused = await timed('/exists-but-refused');
    const missing = await timed('/missing');
    const unknownRoute = await timed('/no-such-route');
    expect([refused.status, missing.status, unknownRoute.status]).toEqual([403, 403, 404]);
    expect([refused.took, missing.took, unknownRoute.took]).toEqual([25, 25, 25]);
  });

  it('leaves successful answers and refusals slower than the floor alone', async () => {
    const { timed, waits } = setUp();
    expect(await timed('/allowed')).toEqual({ status: 200, took: 3 });
    expect(await timed('/slow-refusal')).toEqual({ status: 403, took: 40 });
    expect(waits).toEqual([]);
  });
});
