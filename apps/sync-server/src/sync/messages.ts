import { cogradeMessageType, protocolVersion, type ServerMessage } from '@cograde/domain';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** The y-websocket message types, plus Cograde's own (see `protocol.ts` in the domain package). */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;

type Unversioned<M> = M extends unknown ? Omit<M, 'v'> : never;

export const cogradeMessage = (message: Unversioned<ServerMessage>): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, cogradeMessageType);
  encoding.writeVarString(encoder, JSON.stringify({ v: protocolVersion, ...message }));
  return encoding.toUint8Array(encoder);
};

/** The acknowledgement of a state vector: what the server held when the update was decided, sent once durable. */
export const ackOf = (stateVector: Uint8Array): Uint8Array =>
  cogradeMessage({ type: 'ack', stateVector: Buffer.from(stateVector).toString('base64') });

export const syncStep1Message = (doc: Y.Doc): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
};

export const syncStep2Message = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
};

export const updateMessage = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

export const awarenessMessage = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
};
