import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { skipLoadUpdate } from './skip-load-update.ts';

const stored = () => {
  const source = new Y.Doc();
  source.getMap('marks').set('101:q1', 4);
  source.getMap('texts').set('101:comment', 'Clear argument');
  return Y.encodeStateAsUpdate(source);
};

describe('skipLoadUpdate', () => {
  it('loads without an update event, and every later transaction has its event', () => {
    const doc = new Y.Doc();
    const load = Symbol('load');
    const events: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => events.push(origin));
    skipLoadUpdate(doc, (tr) => tr.origin === load);
    const update = stored();

    Y.transact(doc, () => Y.applyUpdate(doc, update), load, false);
    expect(doc.getMap('marks').get('101:q1')).toBe(4);
    expect(events).toEqual([]);

    doc.getMap('marks').set('101:q2', 6);
    // Nothing new: no event, as without the skipping.
    Y.applyUpdate(doc, update, 'server');
    const remote = new Y.Doc();
    remote.getMap('marks').set('102:q1', 3);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'server');
    expect(events).toEqual([null, 'server']);
  });

  it('stops skipping when told to', () => {
    const doc = new Y.Doc();
    const load = Symbol('load');
    const events: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => events.push(origin));
    const stop = skipLoadUpdate(doc, (tr) => tr.origin === load);
    stop();
    Y.transact(doc, () => Y.applyUpdate(doc, stored()), load, false);
    expect(events).toEqual([load]);
  });
});
