import { describe, expect } from 'vitest';
import { itOnSharedApp as it } from '../testing/demo-app.ts';

describe('coordinator reads', () => {
  it('R2 gives names and student ids to the coordinator and to nobody else', async ({ t }) => {
    const body = await t.getJson<{ candidates: Array<{ number: string; name: string; studentId: string }> }>(
      '/api/exams/inf1010/candidates',
      await t.login('coordinator'),
    );
    expect(body.candidates).toHaveLength(40);
    expect(body.candidates[0]).toMatchObject({ number: '101', name: 'Emma Hansen' });
    for (const username of ['examiner1', 'examiner2', 'appeal1', 'supervisor']) {
      const res = await t.get('/api/exams/inf1010/candidates', await t.login(username));
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('Emma Hansen');
    }
  });

  it('R21 lets the coordinator read and filter the audit log, and nobody else', async ({ t }) => {
    const cookie = await t.login('coordinator');
    const all = await t.getJson<{ events: Array<{ action: string; candidate?: string }> }>(
      '/api/exams/inf1010/audit',
      cookie,
    );
    expect(all.events.length).toBeGreaterThan(10);
    const registrations = await t.getJson<{ events: Array<{ action: string; candidate?: string }> }>(
      '/api/exams/inf1010/audit?action=register',
      cookie,
    );
    expect(registrations.events.map((e) => e.candidate)).toEqual(['101', '102', '103', '104', '105', '106']);
    for (const username of ['examiner1', 'supervisor']) {
      expect((await t.get('/api/exams/inf1010/audit', await t.login(username))).status).toBe(403);
    }
    expect((await t.get('/api/exams/nope/audit', cookie)).status).toBe(403);
  });
});
