import { docName } from '@cograde/domain';
import { docs } from './docs.svelte.ts';
import { parseRoute } from './router.svelte.ts';

const lastKey = 'cograde:last-grading';

/** Notes which exam the commission being graded belongs to, so the next start can open both at once. */
export const rememberGrading = (commissionId: string, examId: string) => {
  try {
    localStorage.setItem(lastKey, JSON.stringify({ commissionId, examId }));
  } catch {
    // Storage full or denied: the next start only loses this head start.
  }
};

const lastExamOf = (commissionId: string): string | null => {
  try {
    const last = JSON.parse(localStorage.getItem(lastKey) ?? 'null') as unknown;
    if (typeof last !== 'object' || last === null) return null;
    const { commissionId: id, examId } = last as Record<string, unknown>;
    return id === commissionId && typeof examId === 'string' ? examId : null;
  } catch {
    return null;
  }
};

/**
 * Before the app mounts: on a grading link, starts reading the commission's documents from IndexedDB
 * (and its exam's, when this device graded it last), in parallel with the app's own start, so the
 * first screen can take input as soon as it is drawn.
 */
export const preloadGrading = () => {
  const route = parseRoute(location.hash);
  if (route.name !== 'grading') return;
  docs.get(docName({ kind: 'commission', commissionId: route.commissionId }));
  const examId = lastExamOf(route.commissionId);
  if (examId !== null) docs.get(docName({ kind: 'exam', examId }));
};
