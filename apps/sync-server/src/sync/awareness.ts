import { type Result, refuse } from '@cograde/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';

/**
 * Presence is small and plain: a JSON object of a few short fields (who, which candidate and question
 * they look at), or `null` when a client leaves. Anything else is refused, so presence cannot carry data
 * between examiners who may not see each other's documents.
 */
export const maxAwarenessStateBytes = 2048;
export const maxClientsPerConnection = 8;

const scalar = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);
const field = z.union([scalar, z.array(scalar).max(20), z.record(z.string().max(40), scalar)]);
const presenceSchema = z.record(z.string().max(40), z.union([field, z.record(z.string().max(40), field)]));

export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };

/**
 * Reads a client's presence update: its entries, each checked, except the echoes (`isEcho`: another
 * connection's state sent back as it was received, which y-websocket clients do), left out unchecked.
 */
export const readAwarenessUpdate = (
  update: Uint8Array,
  userId: string,
  isEcho: (clientId: number, clock: number) => boolean = () => false,
): Result<{ entries: AwarenessEntry[] }> => {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxClientsPerConnection) return refuse('tooLarge', `${count} presence states`);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (isEcho(clientId, clock)) continue;
      if (json.length > maxAwarenessStateBytes) return refuse('tooLarge', 'presence state');
      const parsed = presenceSchema.nullable().safeParse(JSON.parse(json));
      if (!parsed.success || Object.keys(parsed.data ?? {}).length > 16)
        return refuse('badValue', 'presence state');
      // Presence may name its user, but only the connection's own.
      if (parsed.data !== null && 'userId' in parsed.data && parsed.data.userId !== userId) {
        return refuse('badValue', 'presence of another user');
      }
      const user = parsed.data?.user;
      if (
        user !== null &&
        typeof user === 'object' &&
        !Array.isArray(user) &&
        'id' in user &&
        user.id !== userId
      ) {
        return refuse('badValue', 'presence of another user');
      }
      entries.push({ clientId, clock, state: parsed.data });
    }
    return { ok: true, entries };
  } catch {
    return refuse('undecodable', 'presence');
  }
};

export const encodeAwarenessEntries = (entries: readonly AwarenessEntry[]): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
};
