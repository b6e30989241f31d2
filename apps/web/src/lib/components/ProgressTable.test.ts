import { render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ExamProgress } from '../state/oversight.svelte.ts';
import { offlineRegistry, progressEntry } from '../testing/fixtures.ts';
import ProgressTable from './ProgressTable.svelte';

describe('ProgressTable', () => {
  it('R14 shows an overdue commission first, in words and not by colour alone, and follows the document', () => {
    const registry = offlineRegistry();
    const progress = new ExamProgress(registry, 'examPT', 'supervisor', 'supervisor');
    const map = progress.progressDocument.doc.getMap('commissions');
    map.set('K1', progressEntry({ commissionId: 'K1', graded: 12, locked: 6 }));
    map.set(
      'K2',
      progressEntry({ commissionId: 'K2', remainingWorkingDays: -2, overdue: true, online: ['examiner3'] }),
    );
    render(ProgressTable, { progress, headingId: 'h' });

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-commission-progress'))).toEqual(['K2', 'K1']);
    expect(within(rows[0] as HTMLElement).getByText('Overdue')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('8 working days left')).toBeTruthy();
    expect(screen.getByText('1 commission is overdue')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('examiner3')).toBeTruthy();

    map.set('K1', progressEntry({ commissionId: 'K1', graded: 13, locked: 7 }));
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
