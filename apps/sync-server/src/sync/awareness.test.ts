import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { encodeAwarenessEntries, readAwarenessUpdate } from './awareness.ts';

const update = (states: Array<[number, number, string]>) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, states.length);
  for (const [client, clock, json] of states) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
};

describe('presence validation', () => {
  it('accepts the web app’s presence and a departure, and re-encodes them unchanged', () => {
    const sent = update([
      [7, 1, JSON.stringify({ userId: 'ex1', name: 'Ola', candidate: '101', question: 'q3' })],
      [8, 4, 'null'],
    ]);
    const read = readAwarenessUpdate(sent, 'ex1');
    expect(read.ok).toBe(true);
    if (read.ok) expect(encodeAwarenessEntries(read.entries)).toEqual(sent);
  });

  it('refuses presence that claims another user', () => {
    expect(readAwarenessUpdate(update([[7, 1, JSON.stringify({ userId: 'ex2' })]]), 'ex1')).toMatchObject({
      ok: false,
      reason: 'badValue',
    });
    expect(
      readAwarenessUpdate(update([[7, 1, JSON.stringify({ user: { id: 'ex2' } })]]), 'ex1'),
    ).toMatchObject({ ok: false, reason: 'badValue' });
  });

  it('refuses large, deep or non-object states and undecodable frames', () => {
    expect(readAwarenessUpdate(update([[7, 1, JSON.stringify({ a: 'x'.repeat(3000) })]]), 'ex1').ok).toBe(
      false,
    );
    expect(
      readAwarenessUpdate(update([[7, 1, JSON.stringify({ a: { b: { c: { d: 1 } } } })]]), 'ex1').ok,
    ).toBe(false);
    expect(readAwarenessUpdate(update([[7, 1, '[1,2]']]), 'ex1').ok).toBe(false);
    expect(readAwarenessUpdate(update([[7, 1, 'not json']]), 'ex1')).toMatchObject({
      ok: false,
      reason: 'undecodable',
    });
    const many = update(Array.from({ length: 9 }, (_, i): [number, number, string] => [i, 1, 'null']));
    expect(readAwarenessUpdate(many, 'ex1')).toMatchObject({ ok: false, reason: 'tooLarge' });
  });
});
