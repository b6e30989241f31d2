import { docName } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, it as demoTest, testOrigin } from '../testing/demo-app.ts';

const member = (userId: string, affiliation: 'internal' | 'external') => ({ userId, affiliation });
const docInfo = (t: DemoApp, commissionId: string) =>
  t.writer.read(docName({ kind: 'commission', commissionId }), (doc) => doc.getMap('info').get('commission'));

/** The coordinator's calls: `send` any, `form` a commission of candidate 151. */
const it = demoTest
  .extend('send', ({ t, coordinator }) => (method: string, path: string, body: unknown) => {
    return t.app.request(path, {
      method,
      headers: { cookie: coordinator, origin: testOrigin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  })
  .extend('form', ({ send }) => {
    return (name: string, members = [member('examiner3', 'internal'), member('examiner2', 'external')]) =>
      send('POST', '/api/exams/inf1010/commissions', { name, members, candidates: ['151'] });
  });

it.beforeEach(async ({ t }) => {
  await t.storage.repo.exams.putCandidates(
    'inf1010',
    ['151', '152'].map((number, i) => ({ number, name: `New ${i}`, studentId: `s8${i}`, attended: true })),
  );
});

describe('commission ids', () => {
  it('R9: an ordinary commission named like an appeal commission never takes the appeal id', async ({
    t,
    coordinator,
    form,
  }) => {
    const res = await form('A 104');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).toBe('inf1010-A_104');
    const appeal = await t.post('/api/exams/inf1010/appeals', coordinator, {
      candidate: '104',
      reasons: 'Q2 deserves more.',
      members: [member('appeal1', 'external'), member('appeal2', 'internal')],
    });
    expect(appeal.status).toBe(201);
    expect(await t.storage.repo.commissions.byId(id)).toMatchObject({ purpose: 'ordinary', name: 'A 104' });
    expect(await docInfo(t, id)).toMatchObject({ purpose: 'ordinary', name: 'A 104' });
  });

  it('keeps simple names as they were, and a name with a dash reaches no other exam’s ids', async ({
    send,
    form,
  }) => {
    expect(((await (await form('K4')).json()) as { id: string }).id).toBe('inf1010-K4');
    const dashed = await send('POST', '/api/exams/inf1010/commissions', {
      name: '2-K1',
      members: [member('examiner3', 'internal'), member('examiner2', 'external')],
      candidates: ['152'],
    });
    // `inf1010-2-K1` would be K1 of an exam `inf1010-2`.
    expect(((await dashed.json()) as { id: string }).id).toBe('inf1010-2_K1');
  });

  it('a name too long for a 64-character id is refused, not cut into another name’s id', async ({
    t,
    form,
  }) => {
    const res = await form(`Commission ${'x'.repeat(60)} one`);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'idTooLong' });
    expect((await t.storage.repo.commissions.ofExam('inf1010')).map((c) => c.id).sort()).toEqual([
      'A1',
      'K1',
      'K2',
    ]);
  });
});

describe('commission members', () => {
  it('R17: a member named twice is refused and nothing is written', async ({ t, form }) => {
    const res = await form('K4', [member('examiner3', 'internal'), member('examiner3', 'external')]);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'duplicateMember' });
    expect(await t.storage.repo.commissions.byId('inf1010-K4')).toBeNull();
    expect(await docInfo(t, 'inf1010-K4')).toBeUndefined();
  });

  it("R9: a candidate's appeal examiner cannot join the ordinary commission holding that candidate", async ({
    t,
    send,
  }) => {
    const k1 = await t.storage.repo.commissions.byId('K1');
    if (k1 === null) throw new Error('no K1');
    const res = await send('PUT', '/api/commissions/K1', {
      name: k1.name,
      members: [...k1.members.map((m) => member(m.userId, m.affiliation)), member('appeal1', 'external')],
      candidates: k1.candidates,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { problems: { reason: string; detail?: string }[] };
    expect(body.problems).toEqual([
      expect.objectContaining({ reason: 'gradesRegrading', detail: 'appeal1 re-grades candidate 103' }),
    ]);
    expect((await t.storage.repo.commissions.byId('K1'))?.members.map((m) => m.userId)).toEqual(
      k1.members.map((m) => m.userId),
    );
  });
});
