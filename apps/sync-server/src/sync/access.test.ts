import { describe, expect, it } from 'vitest';
import { type Access, AccessCache } from './access.ts';

/** A directory whose answers the test gives one by one, and a clock the test moves. */
const setUp = (ttlMs = 1000) => {
  let time = 0;
  const questions: Array<{ answer: (access: Access) => void; fail: (error: Error) => void }> = [];
  const cache = new AccessCache(
    { access: 'write', resource: null },
    () => new Promise<Access>((answer, fail) => questions.push({ answer, fail })),
    () => time,
    ttlMs,
  );
  return {
    cache,
    questions,
    at: (ms: number) => {
      time = ms;
    },
  };
};

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('AccessCache', () => {
  it('answers from memory while the answer is young, and asks nobody', () => {
    const { cache, questions, at } = setUp();
    at(499);
    expect(cache.gate((access) => access)).toBe('write');
    expect(questions).toHaveLength(0);
  });

  it('past half its age: answers at once and asks again in the background, once', async () => {
    const { cache, questions, at } = setUp();
    at(600);
    expect(cache.gate((access) => access)).toBe('write');
    expect(cache.gate((access) => access)).toBe('write');
    expect(questions).toHaveLength(1);
    questions[0]?.answer({ access: 'none', resource: null });
    await settle();
    // The new answer counts from when it was asked (600), and the next frame takes it.
    at(1000);
    expect(cache.gate((access) => access)).toBe('none');
    expect(questions).toHaveLength(1);
  });

  it('too old: the frame waits for the answer, never handled on the old one', async () => {
    const { cache, questions, at } = setUp();
    at(1000);
    const fresh = cache.gate((access) => access);
    expect(fresh).toBeInstanceOf(Promise);
    questions[0]?.answer({ access: 'read', resource: null });
    expect(await fresh).toBe('read');
  });

  it('frames that come while it asks, and what they send, go on in order on that one answer', async () => {
    const { cache, questions, at } = setUp(0);
    const order: string[] = [];
    void cache.gate((access) => {
      order.push(`in 1: ${access}`);
      // A reply sent while the answer is handed out joins the end of the line, behind relay 2.
      void cache.gate((again) => order.push(`reply to 1: ${again}`));
    });
    void cache.gate((access) => order.push(`relay 2: ${access}`));
    at(5);
    void cache.gate((access) => order.push(`in 3: ${access}`));
    // One question for all of them, even with a TTL of zero.
    expect(questions).toHaveLength(1);
    questions[0]?.answer({ access: 'read', resource: null });
    await settle();
    expect(order).toEqual(['in 1: read', 'relay 2: read', 'in 3: read', 'reply to 1: read']);
    expect(questions).toHaveLength(1);
    // The next frame asks again: with a TTL of zero no answer is fresh for long.
    void cache.gate(() => undefined);
    expect(questions).toHaveLength(2);
  });

  it('a failed question fails the frames waiting on it, and is asked again by the next one', async () => {
    const { cache, questions, at } = setUp();
    at(1000);
    const failed = cache.gate((access) => access) as Promise<string>;
    const alsoWaiting = cache.gate((access) => access) as Promise<string>;
    questions[0]?.fail(new Error('directory down'));
    await expect(failed).rejects.toThrow('directory down');
    await expect(alsoWaiting).rejects.toThrow('directory down');
    const again = cache.gate((access) => access);
    expect(again).toBeInstanceOf(Promise);
    expect(questions).toHaveLength(2);
  });
});
