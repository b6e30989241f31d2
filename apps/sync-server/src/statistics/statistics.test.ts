import { describe, expect } from 'vitest';
import { it } from '../testing/demo-app.ts';

type Stats = { counts: Array<{ grade: string; count: number }>; total: number; failShare: number };

describe('grade statistics', () => {
  it('R19 gives coordinators and the supervisor the distribution of the registered grades and the share of fails', async ({
    t,
  }) => {
    const coordinator = await t.login('coordinator');
    const supervisor = await t.login('supervisor');
    const stats = await t.getJson<Stats>('/api/exams/inf1010/grade-statistics', coordinator);
    // The demo registers 101–106 in K1: one each of A–E and one F.
    expect(stats.total).toBe(6);
    expect(stats.counts.map((c) => [c.grade, c.count])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 1],
      ['D', 1],
      ['E', 1],
      ['F', 1],
    ]);
    expect(stats.failShare).toBeCloseTo(1 / 6);
    expect(await t.getJson<Stats>('/api/exams/inf1010/grade-statistics', supervisor)).toEqual(stats);
  });

  it('R19 refuses examiners', async ({ t }) => {
    const examiner = await t.login('examiner1');
    const response = await t.get('/api/exams/inf1010/grade-statistics', examiner);
    expect(response.status).toBe(403);
  });
});
