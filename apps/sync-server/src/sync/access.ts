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
 * One connection's view of its access. No frame is handled on an answer older than `ttlMs`: a frame
 * that finds it older waits for a fresh one. A frame that finds it past half its age asks again in the
 * background, so that a connection in use never waits for the directory (an examiner typing five marks
 * a second would otherwise wait for two lookups every `ttlMs`: those frames were the slowest relays).
 */
export class AccessCache {
  private checkedAt: number;
  private asking: Promise<DocAccess> | null = null;

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

  /** The access, asked again first if it is too old: a promise only then (most frames need none). */
  refresh(): DocAccess | Promise<DocAccess> {
    const age = this.now() - this.checkedAt;
    if (age >= this.ttlMs) return this.askAgain();
    if (age >= this.ttlMs / 2) this.askAgain().catch(() => undefined);
    return this.current.access;
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
