import { randomUUID } from 'node:crypto';
import { can, docName, type Refusal } from '@cograde/domain';
import type * as Y from 'yjs';
import type { AccessDirectory, Clock } from '../ports.ts';
import type { Refused } from './connection.ts';
import type { Room } from './room.ts';
import type { Admission } from './upgrade.ts';

type Change = (doc: Y.Doc) => void;

/**
 * Keeps a refused update's content where its author can read it (R6): in the author's private document
 * of the commission, root `refused`, written with the server's authority so it is stored and reaches
 * the author's other tabs. Only members have a private document; a refusal without content (read-only,
 * undecodable, missing dependencies) has nothing to keep and is only told.
 */
export const refusalKeeper =
  (deps: {
    directory: AccessDirectory;
    clock: Clock;
    /** Writes into the room whose queue the caller is running in. */
    writeHere: (room: Room, change: Change) => Promise<void>;
    /** Writes into another document through its own queue. */
    writeElsewhere: (name: string, change: Change) => Promise<void>;
  }) =>
  async (room: Room, admission: Admission, refused: Refused): Promise<string> => {
    const id = randomUUID();
    const { ref, resource, user } = admission;
    if (refused.changes.length === 0 || (ref.kind !== 'commission' && ref.kind !== 'private')) return id;
    const actor = await deps.directory.actorOf(user.userId);
    const own = {
      kind: 'private',
      examId: resource.examId,
      commissionId: ref.commissionId,
      ownerId: user.userId,
    } as const;
    if (actor === null || !can(actor, 'write', own)) return id;
    const refusal: Refusal = {
      id,
      at: deps.clock.now().toISOString(),
      docName: room.name,
      reason: refused.reason,
      ...(refused.detail === undefined ? {} : { detail: refused.detail }),
      changes: refused.changes.map(({ root, key, value, deleted }) =>
        deleted ? { root, key, deleted } : { root, key, value, deleted },
      ),
    };
    const keep = (doc: Y.Doc) => doc.getMap('refused').set(id, refusal);
    const target = docName({ kind: 'private', commissionId: ref.commissionId, userId: user.userId });
    // The refused update may be to the very private document the refusal goes to: its queue is ours.
    if (target === room.name) await deps.writeHere(room, keep);
    else await deps.writeElsewhere(target, keep);
    return id;
  };
