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

/** One connection's view of its access, asked again once it is older than `ttlMs`. */
export class AccessCache {
  private checkedAt: number;

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
    if (this.now() - this.checkedAt < this.ttlMs) return this.current.access;
    return this.ask().then((current) => {
      this.current = current;
      this.checkedAt = this.now();
      return current.access;
    });
  }
}
