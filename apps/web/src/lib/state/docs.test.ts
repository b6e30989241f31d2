import { describe, expect, it } from 'vitest';
import { DocRegistry } from './docs.svelte.ts';

const databases = async () => (await indexedDB.databases()).map((d) => d.name);

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

const registry = () =>
  new DocRegistry(() => ({ serverUrl: 'ws://localhost:1/sync', connect: false, storage: memoryStorage() }));

describe('DocRegistry', () => {
  it('opens each document once and lists it', () => {
    const docs = registry();
    const a = docs.get('commission:K7');
    expect(docs.get('commission:K7')).toBe(a);
    expect(docs.open.map((d) => d.docName)).toEqual(['commission:K7']);
  });

  it('R6 lists the refusals kept in the private document, newest first, with what this session replayed', async () => {
    const docs = registry();
    const own = docs.get('private:K8:examiner1');
    const refusal = (id: string, at: string) => ({
      id,
      at,
      docName: 'commission:K8',
      reason: 'locked',
      changes: [{ root: 'marks', key: '101:q3', value: 4, deleted: false }],
    });
    own.doc.getMap('refused').set('r1', refusal('r1', '2026-11-20T10:00:00.000Z'));
    own.doc.getMap('refused').set('r2', refusal('r2', '2026-11-21T10:00:00.000Z'));
    own.doc.getMap('refused').set('junk', { id: 'junk' });
    docs.sessionRefusals = [
      {
        id: 'r2',
        at: '2026-11-21T10:00:01.000Z',
        docName: 'commission:K8',
        reason: 'locked',
        changes: [],
        replayed: [{ root: 'marks', key: '102:q3', deleted: false, value: 5 }],
      },
    ];
    expect(docs.refusals.map((r) => [r.id, r.replayed])).toEqual([
      ['r2', 1],
      ['r1', undefined],
    ]);
  });

  it('clears every local copy on logout', async () => {
    const docs = registry();
    const d = docs.get('commission:K9');
    d.doc.getMap('marks').set('101:q3', 4);
    await d.whenLoaded();
    expect(await databases()).toContain('commission:K9');
    await docs.closeAll(true);
    expect(await databases()).not.toContain('commission:K9');
    expect(docs.open).toEqual([]);
  });
});
