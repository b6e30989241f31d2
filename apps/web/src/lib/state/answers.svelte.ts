import { z } from 'zod';
import { ApiError, anything, api } from '../api.ts';

/** One candidate's answer to one question: text, and/or a PDF the API serves. */
export type Answer = { text?: string; pdfUrl?: string };
export type Answers = Record<string, Answer>;

const answerItemSchema = z.object({
  questionId: z.string(),
  text: z.string().optional(),
  hasPdf: z.boolean().optional(),
});
const answersBodySchema = z.object({ answers: z.array(answerItemSchema) });

/** Where the API serves a PDF answer (`hasPdf` in the answers list). */
export const pdfUrlOf = (examId: string, candidate: string, questionId: string) =>
  `/api/exams/${encodeURIComponent(examId)}/answers/${encodeURIComponent(candidate)}/${encodeURIComponent(questionId)}/pdf`;

/** The API's answers, `{ answers: [{ questionId, text, hasPdf }] }`, parsed once at this edge. */
export const parseAnswers = (raw: unknown, pdfUrl: (questionId: string) => string): Answers => {
  const body = answersBodySchema.safeParse(raw);
  if (!body.success) return {};
  return Object.fromEntries(
    body.data.answers.map((a): [string, Answer] => [
      a.questionId,
      {
        ...(a.text !== undefined && a.text !== '' ? { text: a.text } : {}),
        ...(a.hasPdf === true ? { pdfUrl: pdfUrl(a.questionId) } : {}),
      },
    ]),
  );
};

const dbName = 'cograde-answers';
const storeName = 'answers';
const pdfStoreName = 'pdfs';

const openDb = () =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(storeName)) db.createObjectStore(storeName);
      if (!db.objectStoreNames.contains(pdfStoreName)) db.createObjectStore(pdfStoreName);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const withStore = async <T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
  name: string = storeName,
) => {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = run(db.transaction(name, mode).objectStore(name));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
};

const cacheKey = (examId: string, candidate: string) => `${examId}:${candidate}`;
const offlineKey = (commissionId: string) => `cograde:offline:${commissionId}`;

export type AnswerState =
  | { state: 'loading' }
  | { state: 'loaded'; answers: Answers }
  | { state: 'offline' }
  | { state: 'hidden' }
  | { state: 'failed' };

/**
 * Answers come through the authorized API (R1, R2) and are cached in IndexedDB, either as they are read
 * or all at once for a commission ("make available offline").
 */
class AnswerCache {
  loaded: Record<string, AnswerState> = $state({});
  downloads: Record<string, { done: number; total: number; failed: number }> = $state({});
  #requested = new Set<string>();

  async #fetch(examId: string, candidate: string): Promise<Answers> {
    const raw = await api(
      `/api/exams/${encodeURIComponent(examId)}/answers/${encodeURIComponent(candidate)}`,
      anything,
    );
    const answers = parseAnswers(raw, (q) => pdfUrlOf(examId, candidate, q));
    await withStore('readwrite', (s) => s.put(answers, cacheKey(examId, candidate)));
    return answers;
  }

  /**
   * Cached answers first (fast, offline), then a fresh copy from the server when it is reachable. Each
   * answer is requested once per session; views may call this from effects freely.
   */
  async load(examId: string, candidate: string) {
    const key = cacheKey(examId, candidate);
    if (this.#requested.has(key)) return;
    this.#requested.add(key);
    const cached = await withStore<Answers | undefined>('readonly', (s) => s.get(key)).catch(() => undefined);
    this.loaded[key] = cached ? { state: 'loaded', answers: cached } : { state: 'loading' };
    try {
      this.loaded[key] = { state: 'loaded', answers: await this.#fetch(examId, candidate) };
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'offline') this.#requested.delete(key);
      if (cached) return;
      if (e instanceof ApiError && e.reason === 'notReadyForGrading') this.loaded[key] = { state: 'hidden' };
      else if (e instanceof ApiError && e.reason === 'offline') this.loaded[key] = { state: 'offline' };
      else this.loaded[key] = { state: 'failed' };
    }
  }

  /** A PDF answer's bytes: from this device when downloaded before, else from the API (and kept). */
  async pdf(url: string): Promise<Uint8Array> {
    const cached = await withStore<ArrayBuffer | undefined>(
      'readonly',
      (s) => s.get(url),
      pdfStoreName,
    ).catch(() => undefined);
    if (cached) return new Uint8Array(cached);
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new ApiError('unexpected', response.status, 'pdf');
    const bytes = await response.arrayBuffer();
    await withStore('readwrite', (s) => s.put(bytes, url), pdfStoreName).catch(() => undefined);
    return new Uint8Array(bytes);
  }

  get(examId: string, candidate: string): AnswerState | undefined {
    return this.loaded[cacheKey(examId, candidate)];
  }

  isOffline(commissionId: string): boolean {
    return localStorage.getItem(offlineKey(commissionId)) !== null;
  }

  /** Downloads every candidate's answers of a commission, reporting progress as it goes. */
  async makeOffline(commissionId: string, examId: string, candidates: readonly string[]) {
    this.downloads[commissionId] = { done: 0, total: candidates.length, failed: 0 };
    for (const candidate of candidates) {
      try {
        const answers = await this.#fetch(examId, candidate);
        this.loaded[cacheKey(examId, candidate)] = { state: 'loaded', answers };
        for (const answer of Object.values(answers)) if (answer.pdfUrl) await this.pdf(answer.pdfUrl);
      } catch {
        const d = this.downloads[commissionId];
        if (d) d.failed++;
      }
      const d = this.downloads[commissionId];
      if (d) d.done++;
    }
    if (this.downloads[commissionId]?.failed === 0)
      localStorage.setItem(offlineKey(commissionId), new Date().toISOString());
  }

  async clear() {
    this.#requested.clear();
    this.loaded = {};
    this.downloads = {};
    for (const key of Object.keys(localStorage))
      if (key.startsWith('cograde:offline:')) localStorage.removeItem(key);
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

export const answers = new AnswerCache();
