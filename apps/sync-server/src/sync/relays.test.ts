import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergedAtMost, RelayBatch } from './relays.ts';

/** A peer that keeps what it is sent, each frame decoded as the y-websocket client reads it. */
class Recorder {
  readonly frames: Uint8Array[] = [];
  send(frame: Uint8Array) {
    this.frames.push(frame);
  }
  /** Applies every frame to a fresh document: exactly one sync-update message per frame. */
  apply(doc: Y.Doc) {
    for (const frame of this.frames) {
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(0); // sync
      expect(decoding.readVarUint(decoder)).toBe(2); // update
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      expect(decoding.hasContent(decoder)).toBe(false);
    }
  }
}

const write = (doc: Y.Doc, key: string, value: number) => {
  const before = Y.encodeStateVector(doc);
  doc.getMap('marks').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('relays of one turn', () => {
  it('sends a quiet room’s first update at once and the rest of the turn merged, in order; its own updates change nothing there', async () => {
    const a = new Recorder();
    const b = new Recorder();
    const c = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a, b, c]);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const first = write(docA, 'x', 1);
    const fromB = write(docB, 'y', 2);
    const second = write(docA, 'x', 3);
    relays.add(first, a);
    relays.add(fromB, b);
    relays.add(second, a);
    // The first went at once to everyone but its author; the other two wait for the turn's end.
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([0, 1, 1]);
    await turn();
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([1, 2, 2]);

    const atC = new Y.Doc();
    c.apply(atC);
    // The later value of x, as if the updates had come one after the other.
    expect(atC.getMap('marks').toJSON()).toEqual({ x: 3, y: 2 });

    // The author's document learns only what it did not write: its own clock comes from the ack.
    const learned: Y.Doc[] = [];
    docA.on('update', (update: Uint8Array) => {
      const { to } = Y.parseUpdateMeta(update);
      expect(to.has(docA.clientID)).toBe(false);
      learned.push(docA);
    });
    a.apply(docA);
    expect(learned).toHaveLength(1);
    expect(docA.getMap('marks').toJSON()).toEqual({ x: 3, y: 2 });
  });

  it('sends a lone update to every peer but its author, and merges a busy room’s turns whole', async () => {
    const a = new Recorder();
    const b = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a, b]);
    const doc = new Y.Doc();
    relays.add(write(doc, 'x', 1), a);
    expect(b.frames).toHaveLength(1);
    await turn();
    // Two in one turn: the first at once, the second at the turn's end; the room is busy now.
    relays.add(write(doc, 'x', 2), a);
    relays.add(write(doc, 'x', 3), a);
    await turn();
    expect([a.frames.length, b.frames.length]).toEqual([0, 3]);
    // A busy room's turn waits whole, and a turn its author wrote all of goes to the others only.
    relays.add(write(doc, 'x', 4), a);
    relays.add(write(doc, 'x', 5), a);
    expect(b.frames).toHaveLength(3);
    await turn();
    expect([a.frames.length, b.frames.length]).toEqual([0, 4]);
    // One update in the last turn: quiet again, so the next is sent at once.
    relays.add(write(doc, 'x', 6), a);
    await turn();
    relays.add(write(doc, 'x', 7), a);
    expect(b.frames).toHaveLength(6);
    const atB = new Y.Doc();
    b.apply(atB);
    expect(atB.getMap('marks').get('x')).toBe(7);
  });

  it('sends at once when asked (before anything else goes to a peer), and nothing twice', async () => {
    const a = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a]);
    const doc = new Y.Doc();
    relays.add(write(doc, 'x', 1), null);
    relays.add(write(doc, 'x', 2), null);
    expect(a.frames).toHaveLength(1);
    relays.flush();
    expect(a.frames).toHaveLength(2);
    await turn();
    expect(a.frames).toHaveLength(2);
  });

  it(`merges at most ${mergedAtMost} updates into one message`, async () => {
    const a = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a]);
    const doc = new Y.Doc();
    for (let i = 0; i <= mergedAtMost + 1; i++) relays.add(write(doc, `k${i}`, i), null);
    await turn();
    // The first at once (a quiet room), then the rest in two messages.
    expect(a.frames).toHaveLength(3);
    const atA = new Y.Doc();
    a.apply(atA);
    expect(atA.getMap('marks').size).toBe(mergedAtMost + 2);
  });
});
