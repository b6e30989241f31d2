import { describe, expect, it } from 'vitest';
import { protocolVersion, serverMessageSchema } from './protocol.ts';

describe('Cograde protocol messages', () => {
  it('parses each server message kind', () => {
    for (const message of [
      { v: protocolVersion, type: 'access', access: 'read' },
      { v: protocolVersion, type: 'ack', stateVector: 'AQI=' },
      {
        v: protocolVersion,
        type: 'refused',
        refusalId: 'r1',
        reason: 'locked',
        changes: [
          {
            root: 'marks',
            key: '102:q3',
            value: 5,
            deleted: false,
            reason: 'locked',
            detail: 'candidate 102',
          },
        ],
      },
      { v: protocolVersion, type: 'error', reason: 'undecodable' },
    ]) {
      expect(serverMessageSchema.parse(message)).toEqual(message);
    }
  });

  it('R6 a refusal names the reason of every refused change', () => {
    const refusal = {
      v: protocolVersion,
      type: 'refused',
      refusalId: 'r1',
      reason: 'locked',
      changes: [{ root: 'marks', key: '102:q3', value: 5, deleted: false }],
    };
    expect(serverMessageSchema.safeParse(refusal).success).toBe(false);
  });

  it('refuses other versions, unknown types and unknown reasons', () => {
    expect(serverMessageSchema.safeParse({ v: 2, type: 'ack', stateVector: '' }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ v: protocolVersion, type: 'hello' }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ v: protocolVersion, type: 'error', reason: 'oops' }).success).toBe(
      false,
    );
  });
});
