import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyReplay, clientRoots, pendingChanges, replayPlan } from './rebase.ts';

const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/** A server doc and a client that has synced with it. */
const synced = () => {
  const server = new Y.Doc();
  server.getMap('marks').set('101:q3', 2);
  server.getMap('texts').set('101:comment', 'Good start');
  server.getMap('finals').set('104', { grade: 'B' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, known: sv(server) };
};

describe('refusal rebase', () => {
  it('lists only the client roots of a commission document', () => {
    expect(clientRoots('commission').sort()).toEqual(['marks', 'texts']);
    expect(clientRoots('private').sort()).toEqual(['marks', 'notes']);
  });

  it('collects the local values the server does not hold yet, and nothing it already holds', () => {
    const { client, known } = synced();
    client.getMap('marks').set('101:q4', 8);
    client.getMap('marks').set('104:q3', 1);
    client.getMap('texts').set('101:comment', 'Good start, weak ending');
    const pending = pendingChanges(client, clientRoots('commission'), known);
    expect(pending).toEqual(
      expect.arrayContaining([
        { root: 'marks', key: '101:q4', deleted: false, value: 8 },
        { root: 'marks', key: '104:q3', deleted: false, value: 1 },
        { root: 'texts', key: '101:comment', deleted: false, value: 'Good start, weak ending' },
      ]),
    );
    expect(pending).toHaveLength(3);
  });

  it('R6 re-applies the pending values that were not refused and drops the refused one', () => {
    const { server, client, known } = synced();
    client.getMap('marks').set('101:q4', 8);
    client.getMap('marks').set('104:q3', 1);
    client.getMap('marks').delete('101:q3');
    const pending = pendingChanges(client, clientRoots('commission'), known, new Set(['marks/101:q3']));
    const plan = replayPlan(pending, [{ root: 'marks', key: '104:q3' }]);
    expect(plan).toEqual(
      expect.arrayContaining([
        { root: 'marks', key: '101:q4', deleted: false, value: 8 },
        { root: 'marks', key: '101:q3', deleted: true },
      ]),
    );
    expect(plan).toHaveLength(2);

    // Rebuilt from the server: the refused mark is not there, the others are replayed on top.
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(server));
    expect(applyReplay(rebuilt, plan)).toBe(2);
    expect(rebuilt.getMap('marks').toJSON()).toEqual({ '101:q4': 8 });
  });

  it('skips replayed values the server already agrees with', () => {
    const { server } = synced();
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(server));
    expect(applyReplay(rebuilt, [{ root: 'marks', key: '101:q3', deleted: false, value: 2 }])).toBe(0);
  });
});
