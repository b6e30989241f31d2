/**
 * Runs inline in index.html (vite.config.ts), while the app's script is still being read and run: on a
 * grading link, opens the IndexedDB databases of the documents the app will load first (the commission's,
 * and its exam's when this device graded it last; the same as `preloadGrading`). Returns their names.
 *
 * Why: in a cold start offline, IndexedDB answered the app's first read only 60-70 ms after the app's
 * script had run, most of it the browser opening the origin's database files. Opened here, that overlaps
 * the 100-150 ms of loading and running the script; y-indexeddb then opens its own connection to a
 * database already open, and reads the document once, as before.
 *
 * Nothing is read and nothing is created: a database not stored yet is left for y-indexeddb to create
 * (the upgrade is aborted). Each connection closes as soon as the app's script has run (its own
 * connections are asked for by then), and at once if another tab upgrades or deletes the database.
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
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => db.close();
        if (document.readyState === 'loading')
          document.addEventListener('DOMContentLoaded', () => db.close(), { once: true });
        else db.close();
      };
    }
  } catch {
    // No IndexedDB (private mode of some browsers) or a malformed link: the app reports it as it starts.
  }
  return names;
}
