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

describe('AccessCache', () => {
  it('answers from memory while the answer is young, and asks nobody', () => {
    const { cache, questions, at } = setUp();
    at(499);
    expect(cache.refresh()).toBe('write');
    expect(questions).toHaveLength(0);
  });

  it('past half its age: answers at once and asks again in the background, once', async () => {
    const { cache, questions, at } = setUp();
    at(600);
    expect(cache.refresh()).toBe('write');
    expect(cache.refresh()).toBe('write');
    expect(questions).toHaveLength(1);
    questions[0]?.answer({ access: 'none', resource: null });
    await Promise.resolve();
    await Promise.resolve();
    // The new answer counts from when it was asked (600), and the next frame takes it.
    at(1000);
    expect(cache.refresh()).toBe('none');
    expect(questions).toHaveLength(1);
  });

  it('too old: the frame waits for the answer, never handled on the old one', async () => {
    const { cache, questions, at } = setUp();
    at(1000);
    const fresh = cache.refresh();
    expect(fresh).toBeInstanceOf(Promise);
    questions[0]?.answer({ access: 'read', resource: null });
    expect(await fresh).toBe('read');
  });

  it('a failed question is asked again by the next frame', async () => {
    const { cache, questions, at } = setUp();
    at(1000);
    const failed = cache.refresh() as Promise<string>;
    questions[0]?.fail(new Error('directory down'));
    await expect(failed).rejects.toThrow('directory down');
    const again = cache.refresh();
    expect(again).toBeInstanceOf(Promise);
    expect(questions).toHaveLength(2);
  });
});
