/**
 * Runs inline in index.html (vite.config.ts), while the app's script is still being read and run: on a
 * grading link, opens the IndexedDB databases of the documents the app will load first (the commission's,
 * and its exam's when this device graded it last; the same as `preloadGrading`). Returns their names.
 *
 * Why: in a cold start offline, the app's first open of a database was answered 50-90 ms after it asked
 * (traces), the first opens of the origin's databases in that browser process. Done here, that first open
 * overlaps the 100-150 ms of loading and running the script; y-indexeddb's own open then answered sooner
 * (A/B: 259 vs 292 ms to the first gradeable screen), and it reads the document once, as before.
 *
 * Nothing is read and nothing is created: a database not stored yet is left for y-indexeddb to create
 * (the upgrade is aborted). Each connection is closed as soon as it is open, so it never holds off
 * another tab's upgrade or deletion. (Holding it until the page's load event measured no faster.)
 *
 * Self-contained (its source is inlined as a classic script): no imports, no helpers outside it.
 */
export function openDocumentsEarly(): string[] {
  const names: string[] = [];
  try {
    // As parseRoute reads a grading route, and docName names its documents.
    const [path = ''] = location.hash.replace(/^#/, '').split('?');
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'commission' || !parts[1]) return names;
    const commissionId = decodeURIComponent(parts[1]);
    names.push(`commission:${commissionId}`);
    try {
      // As rememberGrading stores it.
      const last: unknown = JSON.parse(localStorage.getItem('cograde:last-grading') ?? 'null');
      if (typeof last === 'object' && last !== null) {
        const { commissionId: id, examId } = last as Record<string, unknown>;
        if (id === commissionId && typeof examId === 'string') names.push(`exam:${examId}`);
      }
    } catch {
      // Storage denied or garbled: the exam's database is opened by the app alone.
    }
    for (const name of names) {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onerror = (event) => event.preventDefault();
      // Open is what takes the time; the connection itself is not needed.
      request.onsuccess = () => request.result.close();
    }
  } catch {
    // No IndexedDB (private mode of some browsers) or a malformed link: the app reports it as it starts.
  }
  return names;
}
