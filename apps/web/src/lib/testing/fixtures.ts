import type { CommissionProgress } from '@cograde/domain';
import { DocRegistry } from '../state/docs.svelte.ts';

/** A `localStorage` stand-in that keeps each test's items to itself. */
export const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

/** Documents that never connect nor persist: tests write into them as the server would. */
export const offlineRegistry = () =>
  new DocRegistry(() => ({
    serverUrl: 'ws://localhost:1/sync',
    connect: false,
    persist: false,
    storage: memoryStorage(),
  }));

/** One commission's entry of a progress document, twenty candidates and nothing done unless told. */
export const progressEntry = (
  over: Partial<CommissionProgress> & { commissionId: string },
): CommissionProgress => ({
  name: over.commissionId,
  total: 20,
  graded: 0,
  confirmed: 0,
  locked: 0,
  online: [],
  deadline: '2026-12-03',
  remainingWorkingDays: 8,
  overdue: false,
  ...over,
});
