import { docName } from '@cograde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { rememberGrading } from '../state/preload.ts';
import { parseRoute } from '../state/router.svelte.ts';
import { openDocumentsEarly } from './open-early.ts';

const deleteDatabase = (name: string) =>
  new Promise<'deleted' | 'blocked'>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve('deleted');
    request.onblocked = () => resolve('blocked');
    request.onerror = () => reject(request.error);
  });

/** Resolves once the requests to open `name` made before have been answered (they are queued by name). */
const answered = (name: string) =>
  new Promise<void>((resolve) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve();
    };
  });

const storedNames = async () => (await indexedDB.databases()).map((d) => d.name);

/** Writes a document through y-indexeddb, as the app stores one, and closes it again. */
const store = async (name: string, text: string) => {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  doc.getMap('m').set('text', text);
  await persistence.destroy();
};

const load = async (name: string) => {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const text = doc.getMap('m').get('text');
  await persistence.destroy();
  return text;
};

afterEach(async () => {
  location.hash = '';
  localStorage.clear();
  for (const name of await storedNames()) if (name) await deleteDatabase(name);
});

describe('openDocumentsEarly', () => {
  it('opens the documents preloadGrading loads first: the commission, and its exam when graded here last', () => {
    location.hash = '#/commission/K%201?by=candidate&focus=114';
    const route = parseRoute(location.hash);
    if (route.name !== 'grading') throw new Error('not a grading route');
    expect(openDocumentsEarly()).toEqual([docName({ kind: 'commission', commissionId: 'K 1' })]);
    rememberGrading('K 1', 'INF1010-H26');
    expect(openDocumentsEarly()).toEqual([
      docName({ kind: 'commission', commissionId: route.commissionId }),
      docName({ kind: 'exam', examId: 'INF1010-H26' }),
    ]);
    rememberGrading('K2', 'INF1010-H26');
    expect(openDocumentsEarly()).toEqual(['commission:K 1']);
  });

  it('opens nothing off a grading link', () => {
    for (const hash of ['', '#/', '#/exam/E1/progress', '#/sample/K1', '#/commission/']) {
      location.hash = hash;
      expect(parseRoute(location.hash).name).not.toBe('grading');
      expect(openDocumentsEarly()).toEqual([]);
    }
  });

  it('leaves a stored document to y-indexeddb to read, and never holds off its deletion', async () => {
    await store('commission:K1', 'stored');
    location.hash = '#/commission/K1';
    openDocumentsEarly();
    expect(await load('commission:K1')).toBe('stored');
    expect(await deleteDatabase('commission:K1')).toBe('deleted');
  });

  it('creates no database: one not stored yet is created by y-indexeddb, with its stores', async () => {
    location.hash = '#/commission/K9';
    rememberGrading('K9', 'E9');
    openDocumentsEarly();
    await answered('commission:K9');
    await answered('exam:E9');
    expect(await storedNames()).toEqual([]);
    openDocumentsEarly();
    await store('exam:E9', 'new');
    expect(await load('exam:E9')).toBe('new');
  });
});
