import { z } from 'zod';
import { reasonSchema } from '../reasons-schema.ts';
import { refusedChangeSchema } from './schema.ts';

/**
 * Cograde's additions to the y-websocket protocol. The standard messages (0 sync, 1 awareness) flow
 * unchanged; Cograde's own messages travel as message type 100 followed by one JSON string (lib0
 * `writeVarString`), a union keyed on `type` with a protocol version.
 */
export const cogradeMessageType = 100;
export const protocolVersion = 1;

export const refusedChangeWithReasonSchema = refusedChangeSchema.extend({
  reason: reasonSchema,
  detail: z.string().max(1000).optional(),
});
export type RefusedChangeWithReason = z.infer<typeof refusedChangeWithReasonSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  /** Sent once after connecting: whether this connection may write. */
  z.object({ v: z.literal(protocolVersion), type: z.literal('access'), access: z.enum(['read', 'write']) }),
  /**
   * Everything up to this state vector (base64 of `Y.encodeStateVector`) is durable on the server's disk.
   * A client compares its own client id's clock with it to count unsaved edits.
   */
  z.object({ v: z.literal(protocolVersion), type: z.literal('ack'), stateVector: z.string().max(1_000_000) }),
  /**
   * The last update was refused whole: nothing of it was stored or relayed. `changes` lists every change
   * that broke a rule, each with its reason; the client rebuilds from the server's state and re-applies
   * its other changes. The refusal is also kept in the author's private document (R6).
   */
  z.object({
    v: z.literal(protocolVersion),
    type: z.literal('refused'),
    refusalId: z.string().max(64),
    reason: reasonSchema,
    detail: z.string().max(1000).optional(),
    changes: z.array(refusedChangeWithReasonSchema).max(1000),
  }),
  /** A frame that could not be understood; the connection stays open and nothing changed. */
  z.object({
    v: z.literal(protocolVersion),
    type: z.literal('error'),
    reason: reasonSchema,
    detail: z.string().max(1000).optional(),
  }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
