import { answers } from './answers.svelte.ts';
import { catalog } from './catalog.svelte.ts';
import { forgetCommissionStates } from './commission.svelte.ts';
import { docs } from './docs.svelte.ts';
import { clearExamProgress } from './oversight.svelte.ts';
import { session } from './session.svelte.ts';

/** Logging out on a shared tablet leaves nothing behind: documents, answers and cached lists. */
export const logoutAndClear = async () => {
  forgetCommissionStates();
  clearExamProgress();
  await docs.closeAll(true);
  await answers.clear();
  catalog.clear();
  await session.logout();
  if ('databases' in indexedDB) {
    const all = await indexedDB.databases();
    await Promise.all(
      all.map(
        (db) =>
          new Promise<void>((resolve) => {
            if (!db.name) return resolve();
            const request = indexedDB.deleteDatabase(db.name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
    );
  }
  for (const key of Object.keys(localStorage))
    if (key.startsWith('cograde:') && key !== 'cograde:language') localStorage.removeItem(key);
};
