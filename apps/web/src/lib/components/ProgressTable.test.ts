import type { CommissionProgress } from '@cograde/domain';
import { render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { addMessages, init } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { DocRegistry } from '../state/docs.svelte.ts';
import { ExamProgress } from '../state/oversight.svelte.ts';
import ProgressTable from './ProgressTable.svelte';

beforeAll(() => {
  addMessages('en', en);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
});

const entry = (over: Partial<CommissionProgress> & { commissionId: string }): CommissionProgress => ({
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

describe('ProgressTable', () => {
  it('R14 shows an overdue commission first, in words and not by colour alone, and follows the document', () => {
    const registry = new DocRegistry(() => ({
      serverUrl: 'ws://localhost:1/sync',
      connect: false,
      persist: false,
      storage: localStorage,
    }));
    const progress = new ExamProgress(registry, 'examPT', 'supervisor', 'supervisor');
    const map = progress.progressDocument.doc.getMap('commissions');
    map.set('K1', entry({ commissionId: 'K1', graded: 12, locked: 6 }));
    map.set(
      'K2',
      entry({ commissionId: 'K2', remainingWorkingDays: -2, overdue: true, online: ['examiner3'] }),
    );
    render(ProgressTable, { progress, headingId: 'h' });

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-commission-progress'))).toEqual(['K2', 'K1']);
    expect(within(rows[0] as HTMLElement).getByText('Overdue')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('8 working days left')).toBeTruthy();
    expect(screen.getByText('1 commission is overdue')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('examiner3')).toBeTruthy();

    map.set('K1', entry({ commissionId: 'K1', graded: 13, locked: 7 }));
    flushSync();
    const k1 = screen.getAllByRole('row').find((r) => r.getAttribute('data-commission-progress') === 'K1');
    expect(k1?.getAttribute('data-registered')).toBe('7');
    expect(
      within(k1 as HTMLElement)
        .getByRole('meter', { name: 'Registered' })
        .getAttribute('aria-valuenow'),
    ).toBe('7');
  });
});
