import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hotAtLeast, hotPeriodMs, hotWindowMs, mergedAtMost, RelayBatch } from './relays.ts';

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

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than a window and than two counting periods: a hot room has sent and cooled down. */
const cool = () => wait(2 * hotPeriodMs + hotWindowMs + 5);

/** Three peers in one room, and a document for each of the two that write (a and b). */
const roomOfThree = () => {
  const a = new Recorder();
  const b = new Recorder();
  const c = new Recorder();
  return { a, b, c, relays: new RelayBatch<Recorder>(() => [a, b, c]), docA: new Y.Doc(), docB: new Y.Doc() };
};

describe('relays', () => {
  it('a quiet room sends each update at once to every peer but its author', () => {
    const { a, b, c, relays, docA, docB } = roomOfThree();
    relays.add(write(docA, 'x', 1), a);
    relays.add(write(docB, 'y', 2), b);
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([1, 1, 2]);
    expect(relays.nextSend()).toBeUndefined();
    const atC = new Y.Doc();
    c.apply(atC);
    expect(atC.getMap('marks').toJSON()).toEqual({ x: 1, y: 2 });
  });

  it(`a hot room (${hotAtLeast} updates within ${hotPeriodMs} ms) sends the rest of its window as one merged message, in order`, async () => {
    const { a, b, c, relays, docA, docB } = roomOfThree();
    for (let i = 1; i < hotAtLeast; i++) relays.add(write(docA, 'x', i), a);
    expect(c.frames).toHaveLength(hotAtLeast - 1);
    // Hot from here on: these wait for the end of the window.
    relays.add(write(docA, 'x', 10), a);
    relays.add(write(docB, 'y', 20), b);
    relays.add(write(docA, 'x', 30), a);
    expect(relays.isHot()).toBe(true);
    expect(c.frames).toHaveLength(hotAtLeast - 1);
    await wait(hotWindowMs + 5);
    // One message to every peer, the authors of some of it included.
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([1, hotAtLeast, hotAtLeast]);
    const atC = new Y.Doc();
    c.apply(atC);
    // The later value of x, as if the updates had come one after the other.
    expect(atC.getMap('marks').toJSON()).toEqual({ x: 30, y: 20 });

    // The author's document learns only what it did not write: its own clock comes from the ack.
    const learned: Uint8Array[] = [];
    docA.on('update', (update: Uint8Array) => {
      const { to } = Y.parseUpdateMeta(update);
      expect(to.has(docA.clientID)).toBe(false);
      learned.push(update);
    });
    a.apply(docA);
    expect(learned).toHaveLength(1);
    expect(docA.getMap('marks').toJSON()).toEqual({ x: 30, y: 20 });
  });

  it('a window its author wrote all of goes to the others only; a hot room that falls silent is quiet again', async () => {
    const a = new Recorder();
    const b = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a, b]);
    const doc = new Y.Doc();
    for (let i = 0; i < hotAtLeast + 2; i++) relays.add(write(doc, 'x', i), a);
    await wait(hotWindowMs + 5);
    expect([a.frames.length, b.frames.length]).toEqual([0, hotAtLeast]);
    await cool();
    expect(relays.isHot()).toBe(false);
    relays.add(write(doc, 'x', 99), a);
    expect(b.frames).toHaveLength(hotAtLeast + 1);
    const atB = new Y.Doc();
    b.apply(atB);
    expect(atB.getMap('marks').get('x')).toBe(99);
  });

  it('a hot room lets what waits for its next send go with it, or at the end of the window if nothing comes', async () => {
    const a = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a]);
    const doc = new Y.Doc();
    for (let i = 0; i < hotAtLeast + 1; i++) relays.add(write(doc, 'x', i), null);
    const order: string[] = [];
    const withSend = relays.nextSend();
    expect(withSend).toBeInstanceOf(Promise);
    void withSend?.then(() => order.push(`released after ${a.frames.length} frames`));
    await wait(hotWindowMs + 5);
    expect(order).toEqual([`released after ${hotAtLeast} frames`]);
    // Nothing waiting: still let go within the window.
    const empty = relays.nextSend();
    const before = performance.now();
    await empty;
    expect(performance.now() - before).toBeLessThan(1000);
    expect(a.frames).toHaveLength(hotAtLeast);
    // A room that is gone lets go at once.
    const last = relays.nextSend();
    relays.clear();
    await last;
  });

  it('sends at once when asked (before anything else goes to a peer), and nothing twice', async () => {
    const a = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a]);
    const doc = new Y.Doc();
    for (let i = 0; i < hotAtLeast + 1; i++) relays.add(write(doc, 'x', i), null);
    expect(a.frames).toHaveLength(hotAtLeast - 1);
    relays.flush();
    expect(a.frames).toHaveLength(hotAtLeast);
    await wait(hotWindowMs + 5);
    expect(a.frames).toHaveLength(hotAtLeast);
  });

  it(`merges at most ${mergedAtMost} updates into one message`, async () => {
    const a = new Recorder();
    const relays = new RelayBatch<Recorder>(() => [a]);
    const doc = new Y.Doc();
    for (let i = 0; i < hotAtLeast - 1 + mergedAtMost + 1; i++) relays.add(write(doc, `k${i}`, i), null);
    await wait(hotWindowMs + 5);
    // The quiet ones at once, then the window in two messages.
    expect(a.frames).toHaveLength(hotAtLeast - 1 + 2);
    const atA = new Y.Doc();
    a.apply(atA);
    expect(atA.getMap('marks').size).toBe(hotAtLeast - 1 + mergedAtMost + 1);
  });
});
