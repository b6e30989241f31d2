import type * as Y from 'yjs';

/**
 * Skips the `update` event of the transactions `isLoad` picks (y-indexeddb reading the stored copy into
 * the document) and returns what stops the skipping.
 *
 * Yjs encodes a transaction's changes for its `update` listeners; for the load that is the whole stored
 * document encoded again (10-25 ms of a cold start's grading screen in a profile), for listeners that have
 * nothing to do with it: y-indexeddb's own skips what it loaded, y-websocket's sends only on an open
 * socket (`isLoad` checks that it is not open), and the document's reader counts the load once it ends.
 * The listeners are put back as soon as the transaction's cleanup is over.
 */
export const skipLoadUpdate = (doc: Y.Doc, isLoad: (tr: Y.Transaction) => boolean): (() => void) => {
  let held: Set<unknown> | undefined;
  const hold = (tr: Y.Transaction) => {
    // Only the last transaction of a cleanup: the listeners return before any other transaction's turn.
    if (held !== undefined || doc._transactionCleanups.at(-1) !== tr || !isLoad(tr)) return;
    held = doc._observers.get('update');
    doc._observers.delete('update');
  };
  const restore = () => {
    if (held === undefined) return;
    doc._observers.set('update', held);
    held = undefined;
  };
  doc.on('afterTransactionCleanup', hold);
  doc.on('afterAllTransactions', restore);
  return () => {
    restore();
    doc.off('afterTransactionCleanup', hold);
    doc.off('afterAllTransactions', restore);
  };
};
