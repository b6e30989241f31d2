import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FanOutMessage } from '../ports.ts';

const update = 0;
const awareness = 1;

/** One fan-out message with the id of the instance that sent it, as bytes. */
export const encodeMessage = (sender: string, message: FanOutMessage): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, sender);
  encoding.writeVarUint(encoder, message.kind === 'update' ? update : awareness);
  encoding.writeVarString(encoder, message.docName);
  encoding.writeVarUint(encoder, message.kind === 'update' ? message.seq : 0);
  encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
};

/** `null` for bytes that are not a fan-out message (another program on the same channel). */
export const decodeMessage = (bytes: Uint8Array): { sender: string; message: FanOutMessage } | null => {
  try {
    const decoder = decoding.createDecoder(bytes);
    const sender = decoding.readVarString(decoder);
    const kind = decoding.readVarUint(decoder);
    const docName = decoding.readVarString(decoder);
    const seq = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (kind === update) return { sender, message: { kind: 'update', docName, seq, update: payload } };
    if (kind === awareness) return { sender, message: { kind: 'awareness', docName, update: payload } };
    return null;
  } catch {
    return null;
  }
};
