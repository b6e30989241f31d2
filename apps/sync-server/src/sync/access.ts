import { type DocAccess, type DocRef, docAccess, type Resource, type UserId } from '@cograde/domain';
import type { AccessDirectory } from '../ports.ts';

export type Access = { access: DocAccess; resource: Resource | null };

/**
 * Asks the directory afresh how this user may open this document. A document that does not exist and
 * one the user may not open both come back as `none`, so callers cannot tell them apart.
 */
export const lookUpAccess = async (
  directory: AccessDirectory,
  userId: UserId,
  ref: DocRef,
): Promise<Access> => {
  const [actor, resource] = await Promise.all([directory.actorOf(userId), directory.resourceOf(ref)]);
  if (actor === null || resource === null) return { access: 'none', resource: null };
  return { access: docAccess(actor, resource), resource };
};

/**
 * One connection's view of its access, and the gate every frame passes, in and out: nothing is handled
 * or sent on an answer older than `ttlMs`. A frame that finds the answer too old waits for a fresh one,
 * and so does every frame after it until that answer comes: they go on in order, all on that answer,
 * which counts as fresh for them whatever its age (with a TTL of zero, as in the tests, every frame asks
 * once, never forever). A frame that finds the answer past half its age asks again in the background,
 * so that a connection in use never waits for the directory (an examiner typing five marks a second
 * would otherwise wait for two lookups every `ttlMs`: those frames were the slowest relays).
 */
type Answer = { access: DocAccess } | { error: unknown };

export class AccessCache {
  private checkedAt: number;
  private asking: Promise<DocAccess> | null = null;
  /** Frames waiting for an answer, in the order they came; `null` while none waits. */
  private waiting: ((answer: Answer) => void)[] | null = null;

  constructor(
    private current: Access,
    private readonly ask: () => Promise<Access>,
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {
    this.checkedAt = now();
  }

  get access(): DocAccess {
    return this.current.access;
  }

  /**
   * Runs `use` on a fresh answer: at once (its result returned as is), or once the directory answers
   * (a promise, which rejects if the directory failed). Frames waiting are run in the order they came.
   */
  gate<T>(use: (access: DocAccess) => T): T | Promise<T> {
    if (this.waiting === null) {
      const age = this.now() - this.checkedAt;
      if (age < this.ttlMs) {
        if (age >= this.ttlMs / 2) this.askAgain().catch(() => undefined);
        return use(this.current.access);
      }
      this.waiting = [];
      this.askAgain().then(
        (access) => this.answer({ access }),
        (error: unknown) => this.answer({ error }),
      );
    }
    const waiting = this.waiting;
    return new Promise<T>((resolve, reject) =>
      waiting.push((answer) => {
        if ('error' in answer) return reject(answer.error);
        try {
          resolve(use(answer.access));
        } catch (error) {
          reject(error);
        }
      }),
    );
  }

  /**
   * Runs every waiting frame on the answer, in order. A frame that one of them sends meanwhile joins the
   * end of the line (the loop reaches it), so it cannot overtake a frame that waited before it.
   */
  private answer(answer: Answer) {
    const waiting = this.waiting ?? [];
    for (const run of waiting) run(answer);
    this.waiting = null;
  }

  /** One question at a time; the answer counts from when it was asked. */
  private askAgain(): Promise<DocAccess> {
    if (this.asking !== null) return this.asking;
    const askedAt = this.now();
    const asking = this.ask().then(
      (current) => {
        this.asking = null;
        this.current = current;
        this.checkedAt = askedAt;
        return current.access;
      },
      (error: unknown) => {
        this.asking = null;
        throw error;
      },
    );
    this.asking = asking;
    return asking;
  }
}
