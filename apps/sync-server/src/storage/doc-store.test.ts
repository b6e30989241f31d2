import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HeadTracker, StoredTail } from '../ports.ts';
import { openStorage, type Storage } from './index.ts';
import { testDatabases } from './test-databases.ts';

const update = (key: string, value: number, doc = new Y.Doc()) => {
  const before = Y.encodeStateVector(doc);
  doc.getMap('marks').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
};

const rebuild = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('marks').toJSON();
};

/** The same contract for every adapter: the SQLite file and PostgreSQL. */
for (const database of testDatabases('docstore')) {
  describe.skipIf(database.skip !== null)(
    `DocStore on ${database.name}${database.skip === null ? '' : ` (${database.skip})`}`,
    () => {
      let location: string;
      let storage: Storage;
      beforeEach(async () => {
        location = database.location();
        storage = await openStorage(location);
      });
      afterEach(async () => {
        await storage?.close();
      });
      afterAll(() => database.cleanup());

      it('loads appended updates oldest first, per document, numbered per document', async () => {
        const a = update('101:q3', 4);
        const b = update('101:q4', 5);
        expect(await storage.docs.append('commission:K1', a)).toBe(1);
        expect(await storage.docs.append('commission:K2', b)).toBe(1);
        expect(await storage.docs.append('commission:K1', b)).toBe(2);
        expect(await storage.docs.load('commission:K1')).toEqual([a, b]);
        expect(await storage.docs.load('commission:K2')).toEqual([b]);
        expect(await storage.docs.load('commission:none')).toEqual([]);
        expect(await storage.docs.loadSince('commission:K1', 1)).toEqual({ updates: [b], seq: 2 });
        expect(await storage.docs.loadSince('commission:none', 0)).toEqual({ updates: [], seq: 0 });
      });

      it('keeps every appended update after the database is closed and reopened', async () => {
        const doc = new Y.Doc();
        for (let i = 0; i < 20; i++)
          await storage.docs.append('commission:K1', update(`10${i % 10}:q3`, i, doc));
        await storage.close();
        storage = await openStorage(location);
        expect(rebuild(await storage.docs.load('commission:K1'))).toEqual(doc.getMap('marks').toJSON());
      });

      it('compacts into one snapshot and keeps updates appended after it', async () => {
        const doc = new Y.Doc();
        for (let i = 0; i < 5; i++) await storage.docs.append('commission:K1', update(`101:q${i}`, i, doc));
        const loaded = await storage.docs.loadSince('commission:K1', 0);
        const late = update('102:q1', 9, doc);
        await storage.docs.append('commission:K1', late);
        await storage.docs.compact('commission:K1', Y.mergeUpdates(loaded.updates), loaded.seq);

        const after = await storage.docs.load('commission:K1');
        expect(after).toHaveLength(2);
        expect(after[1]).toEqual(late);
        expect(rebuild(after)).toEqual(doc.getMap('marks').toJSON());
        expect(await storage.docs.entryCount('commission:K1')).toBe(2);
        // An instance that had seen up to 3 needs the snapshot (4 and 5 are folded into it); one at 5 does not.
        expect((await storage.docs.loadSince('commission:K1', 3)).updates).toHaveLength(2);
        expect(await storage.docs.loadSince('commission:K1', 5)).toEqual({ updates: [late], seq: 6 });

        // An older snapshot arriving late (another instance's) changes nothing.
        await storage.docs.compact('commission:K1', Y.mergeUpdates(loaded.updates.slice(0, 2)), 2);
        expect(await storage.docs.load('commission:K1')).toEqual(after);

        // A second compaction replaces the snapshot and the late update together.
        await storage.docs.compact('commission:K1', Y.mergeUpdates(after), 6);
        const again = await storage.docs.load('commission:K1');
        expect(again).toHaveLength(1);
        expect(rebuild(again)).toEqual(doc.getMap('marks').toJSON());
        expect(await storage.docs.append('commission:K1', update('103:q1', 1, doc))).toBe(7);

        await storage.close();
        storage = await openStorage(location);
        expect(rebuild(await storage.docs.load('commission:K1'))).toEqual(doc.getMap('marks').toJSON());
      });

      it('refuses to compact beyond the end of the log, changing nothing', async () => {
        const a = update('101:q3', 4);
        await storage.docs.append('commission:K1', a);
        await expect(storage.docs.compact('commission:K1', a, 2)).rejects.toThrow(/ends at 1/);
        expect(await storage.docs.load('commission:K1')).toEqual([a]);
      });

      it('lists the documents that have content', async () => {
        await storage.docs.append('exam:inf1010', update('x', 1));
        await storage.docs.append('commission:K1', update('x', 1));
        expect(await storage.docs.docNames()).toEqual(['commission:K1', 'exam:inf1010']);
      });

      it('decides at the head: what the caller has not seen is handed over first, for the document and what it reads', async () => {
        const doc = new Y.Doc();
        await storage.docs.append('commission:K1', update('101:q1', 1, doc));
        await storage.docs.append('commission:K1', update('101:q2', 2, doc));
        await storage.docs.append('exam:e1', update('x', 1));
        const seen = new Map([
          ['commission:K1', 1],
          ['exam:e1', 0],
        ]);
        const caughtUp: [string, StoredTail][] = [];
        const tracker: HeadTracker = {
          seqOf: (name) => seen.get(name) ?? 0,
          catchUp: (name, tail) => {
            caughtUp.push([name, tail]);
            seen.set(name, tail.seq);
          },
        };
        let decidedAfter: number[] = [];
        const seq = await storage.docs.appendAtHead('commission:K1', ['exam:e1'], tracker, () => {
          decidedAfter = [...seen.values()];
          return update('101:q3', 3, doc);
        });
        expect(seq).toBe(3);
        expect(decidedAfter).toEqual([2, 1]);
        expect(caughtUp.map(([name, tail]) => [name, tail.updates.length, tail.seq])).toEqual([
          ['commission:K1', 1, 2],
          ['exam:e1', 1, 1],
        ]);
        // Nothing produced: nothing stored, no number used.
        expect(await storage.docs.appendAtHead('commission:K1', [], tracker, () => null)).toBeNull();
        expect((await storage.docs.loadSince('commission:K1', 0)).seq).toBe(3);
        // A decision that throws stores nothing.
        await expect(
          storage.docs.appendAtHead('commission:K1', [], tracker, () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(await storage.docs.load('commission:K1')).toHaveLength(3);
      });

      // Several instances share PostgreSQL only; SQLite is one instance's file.
      it.skipIf(database.name !== 'PostgreSQL')(
        'two instances compacting and appending at once keep every update and number them without a gap',
        async () => {
          const other = await openStorage(location);
          try {
            const doc = new Y.Doc();
            for (let i = 0; i < 20; i++)
              await storage.docs.append('commission:K1', update(`1${i}:q1`, i, doc));
            const compactVia = async (s: Storage) => {
              const tail = await s.docs.loadSince('commission:K1', 0);
              await s.docs.compact('commission:K1', Y.mergeUpdates(tail.updates), tail.seq);
            };
            const appendMore = async () => {
              const numbers: number[] = [];
              for (let i = 0; i < 20; i++)
                numbers.push(await other.docs.append('commission:K1', update(`2${i}:q1`, i, doc)));
              return numbers;
            };
            const [numbers] = await Promise.all([
              appendMore(),
              compactVia(storage),
              compactVia(other),
              compactVia(storage),
            ]);
            expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));
            expect(rebuild(await storage.docs.load('commission:K1'))).toEqual(doc.getMap('marks').toJSON());
            await compactVia(other);
            expect(await storage.docs.load('commission:K1')).toHaveLength(1);
            expect(rebuild(await storage.docs.load('commission:K1'))).toEqual(doc.getMap('marks').toJSON());
          } finally {
            await other.close();
          }
        },
      );

      it('numbers concurrent appends to one document without a gap or a duplicate', async () => {
        const appended = await Promise.all(
          Array.from({ length: 30 }, (_, i) => storage.docs.append('commission:K1', update(`1${i}:q1`, i))),
        );
        expect([...appended].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      });
    },
  );
}
