import * as Y from 'yjs';
import type { DocStore, DocWriter } from '../ports.ts';

/**
 * A `DocWriter` straight onto the store, for when no sync service holds the documents in memory: the
 * demo seed before the server starts, tests and maintenance scripts. While the sync service runs, its
 * own writer must be used so that connected clients see the change.
 *
 * `clientId` fixes the Yjs client id so that the same writes give the same bytes (deterministic seed).
 */
export const createStoreDocWriter = (store: DocStore, opts: { clientId?: number } = {}): DocWriter => {
  const loadDoc = async (docName: string, clientId?: number) => {
    const doc = new Y.Doc({ gc: true });
    const updates = await store.load(docName);
    // Only a fresh document takes the fixed id: reusing it on stored content would clash with itself.
    if (clientId !== undefined && updates.length === 0) doc.clientID = clientId;
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc;
  };
  return {
    async transact(docName, change) {
      const doc = await loadDoc(docName, opts.clientId);
      const before = Y.encodeStateVector(doc);
      doc.transact(() => change(doc));
      const update = Y.encodeStateAsUpdate(doc, before);
      // An empty update is two zero bytes: nothing to store.
      if (update.byteLength > 2) await store.append(docName, update);
      doc.destroy();
    },
    async read(docName, read) {
      const doc = await loadDoc(docName);
      try {
        return read(doc);
      } finally {
        doc.destroy();
      }
    },
  };
};
