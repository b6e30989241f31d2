import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PointsField from './PointsField.svelte';

/** Two fields of one candidate, as the grading view renders them, recording what they commit. */
const renderTwo = () => {
  const commits: Array<[string, number | undefined]> = [];
  for (const q of ['Q3', 'Q4']) {
    render(PointsField, {
      id: `p-101-${q}`,
      label: `Points for ${q}, candidate 101`,
      value: undefined,
      max: 10,
      readonly: false,
      oncommit: (points: number | undefined) => {
        commits.push([q, points]);
        return true;
      },
    });
  }
  return commits;
};

describe('PointsField', () => {
  it('commits typed points and moves on with Enter, back with ArrowUp', async () => {
    const commits = renderTwo();
    const q3 = screen.getByLabelText('Points for Q3, candidate 101');
    const q4 = screen.getByLabelText('Points for Q4, candidate 101');
    q3.focus();
    await fireEvent.input(q3, { target: { value: '7,5' } });
    expect(commits).toEqual([['Q3', 7.5]]);
    await fireEvent.keyDown(q3, { key: 'Enter' });
    expect(document.activeElement).toBe(q4);
    await fireEvent.keyDown(q4, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(q3);
  });

  it('R18 does not commit points above the maximum and says why', async () => {
    const commits = renderTwo();
    const q3 = screen.getAllByLabelText('Points for Q3, candidate 101').at(-1)!;
    q3.focus();
    await fireEvent.input(q3, { target: { value: '12' } });
    expect(commits).toEqual([]);
    expect(q3.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByRole('alert').at(-1)?.textContent).toContain('between 0 and 10');
  });
});
