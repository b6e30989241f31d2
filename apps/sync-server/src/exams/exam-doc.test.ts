import { randomBytes } from 'node:crypto';
import { docName } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, it, testOrigin } from '../testing/demo-app.ts';

const send = (t: DemoApp, method: string, path: string, cookie: string, body: unknown) =>
  t.app.request(path, {
    method,
    headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** Everything the exam document holds, as the sync service sends it to every examiner of the exam. */
const examDocText = (t: DemoApp) =>
  t.writer.read(docName({ kind: 'exam', examId: 'inf1010' }), (doc) =>
    JSON.stringify(doc.getMap('exam').toJSON()),
  );

describe('exam document', () => {
  it('R9 R15: a commission’s sample choice and its reason stay with coordinators, out of the exam document appeal examiners read', async ({
    t,
  }) => {
    const coordinator = await t.login('coordinator');
    const reason = `Ingrid gave many Es ${randomBytes(8).toString('hex')}`;
    const chosen = await send(t, 'PUT', '/api/commissions/K1/second-examiner-sample', coordinator, {
      policy: 'all',
      reason,
    });
    expect(chosen.status, await chosen.text()).toBe(200);
    expect(await t.getJson('/api/commissions/K1/second-examiner-sample', coordinator)).toMatchObject({
      policy: 'all',
      reason,
    });
    expect(await examDocText(t)).not.toContain(reason);
    expect(await examDocText(t)).not.toContain('sampleOverrides');

    // A later write of the exam (a question's weight) leaves it out too, and the record keeps it.
    const weighted = await send(t, 'PATCH', '/api/exams/inf1010/questions/q3', coordinator, { weight: 2 });
    expect(weighted.status, await weighted.text()).toBe(200);
    expect(await examDocText(t)).toContain('"weight":2');
    expect(await examDocText(t)).not.toContain(reason);
    expect((await t.storage.repo.exams.byId('inf1010'))?.sampleOverrides?.K1?.reason).toBe(reason);
  });
});
