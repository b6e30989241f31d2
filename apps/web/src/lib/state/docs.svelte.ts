import { byTime, privateDoc, type Refusal } from '@cograde/domain';
import { combineStatus } from '../sync/server-state.ts';
import { type SessionRefusal, SyncedDoc, type SyncedDocOptions } from '../sync/synced-doc.svelte.ts';

const defaultServerUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;

/** One refusal for the panel: the server's lasting record (private doc) or what this session saw arrive. */
export type RefusalView = Refusal & { replayed?: number };

/**
 * The open documents of this session, one `SyncedDoc` per document name. Documents stay open while the
 * user moves between screens, so that edits keep syncing in the background.
 */
export class DocRegistry {
  #docs = new Map<string, SyncedDoc>();
  #opened = $state(0);
  sessionRefusals: SessionRefusal[] = $state([]);
  #options: () => Omit<SyncedDocOptions, 'onRefusal'>;

  constructor(options: () => Omit<SyncedDocOptions, 'onRefusal'>) {
    this.#options = options;
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', () => {
        for (const d of this.#docs.values()) d.goOffline();
      });
      window.addEventListener('online', () => {
        for (const d of this.#docs.values()) d.goOnline();
      });
    }
  }

  get(docName: string): SyncedDoc {
    // Svelte does not track reads of state created in the reading reaction itself; a reader that opens a
    // document here depends on `#opened` instead, and re-runs once the document exists.
    this.#opened;
    let doc = this.#docs.get(docName);
    if (doc === undefined) {
      doc = new SyncedDoc(docName, {
        ...this.#options(),
        onRefusal: (refusal) => {
          this.sessionRefusals = [refusal, ...this.sessionRefusals];
        },
      });
      this.#docs.set(docName, doc);
      // Documents are opened while views derive what they show; tell readers of `open` a moment later.
      queueMicrotask(() => {
        this.#opened++;
      });
    }
    return doc;
  }

  get open(): SyncedDoc[] {
    this.#opened;
    return [...this.#docs.values()];
  }

  get badge() {
    return combineStatus(this.open.map((d) => ({ status: d.status, unsynced: d.unsynced })));
  }

  get unsynced(): number {
    return this.open.reduce((sum, d) => sum + d.unsynced, 0);
  }

  /** Every refusal: the server's records in the private documents, plus any this session saw first. */
  get refusals(): RefusalView[] {
    const byId = new Map<string, RefusalView>();
    for (const d of this.open) {
      if (d.kind !== 'private') continue;
      d.version;
      for (const refusal of privateDoc(d.doc).refusals()) byId.set(refusal.id, refusal);
    }
    for (const r of this.sessionRefusals) {
      const known = byId.get(r.id);
      if (known) byId.set(r.id, { ...known, replayed: r.replayed.length });
      else
        byId.set(r.id, {
          id: r.id,
          at: r.at,
          docName: r.docName,
          reason: r.reason,
          ...(r.detail !== undefined ? { detail: r.detail } : {}),
          changes: r.changes.map(({ root, key, value, deleted }) => ({ root, key, value, deleted })),
          replayed: r.replayed.length,
        });
    }
    return [...byId.values()].sort((a, b) => byTime(b.at, a.at));
  }

  /** Closes every document; with `clearLocal` also deletes their IndexedDB copies (logout). */
  async closeAll(clearLocal: boolean) {
    const docs = [...this.#docs.values()];
    this.#docs.clear();
    this.#opened++;
    this.sessionRefusals = [];
    await Promise.all(docs.map((d) => d.destroy(clearLocal)));
  }
}

export const docs = new DocRegistry(() => ({ serverUrl: defaultServerUrl(), storage: localStorage }));
