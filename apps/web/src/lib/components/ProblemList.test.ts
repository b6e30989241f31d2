import { describeReason } from '@cograde/domain';
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../i18n/index.ts';
import ProblemList from './ProblemList.svelte';

const problems = [
  { reason: 'noExternal', message: 'No external examiner.' },
  { reason: 'tookPartInOrdinary', message: 'Took part.', detail: 'examiner1 graded candidate 118' },
  { reason: 'madeUp', message: 'A reason from a newer server.' },
];
const items = () =>
  screen.getAllByRole('listitem').map((li) => [li.getAttribute('data-problem'), li.textContent?.trim()]);

afterEach(() => {
  cleanup();
  chooseLanguage('en');
});

describe('ProblemList', () => {
  it('R17 names every problem in the screen’s language, with the server’s detail; an unknown one as unexpected', async () => {
    render(ProblemList, { problems, title: 'Refused' });
    expect(items()).toEqual([
      ['noExternal', describeReason('noExternal', 'en')],
      [
        'tookPartInOrdinary',
        `${describeReason('tookPartInOrdinary', 'en')} (examiner1 graded candidate 118)`,
      ],
      ['madeUp', 'Something went wrong. Please try again.'],
    ]);
    chooseLanguage('nb');
    await screen.findByText(describeReason('noExternal', 'nb'));
    expect(items()[1]?.[1]).toBe(
      `${describeReason('tookPartInOrdinary', 'nb')} (examiner1 graded candidate 118)`,
    );
  });

  it('shows nothing when nothing was refused', () => {
    render(ProblemList, { problems: [], title: 'Refused' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
