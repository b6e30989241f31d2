import { type DocRef, docAccess, docName } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { demoUsers } from '../seed/index.ts';
import { type DemoApp, type DocsBody, itOnSharedApp as it } from '../testing/demo-app.ts';

/** Every document the demo has, including every member's private documents, regardless of who asks. */
const everyDoc = async (t: DemoApp): Promise<DocRef[]> => {
  const refs: DocRef[] = [];
  for (const exam of await t.storage.repo.exams.all()) {
    refs.push({ kind: 'exam', examId: exam.id }, { kind: 'progress', examId: exam.id });
    for (const c of await t.storage.repo.commissions.ofExam(exam.id)) {
      refs.push({ kind: 'commission', commissionId: c.id });
      for (const m of c.members) refs.push({ kind: 'private', commissionId: c.id, userId: m.userId });
    }
    for (const a of await t.storage.repo.appeals.ofExam(exam.id))
      refs.push({ kind: 'appeal', appealId: a.id });
  }
  return refs;
};

describe('GET /api/docs', () => {
  it('needs a session', async ({ t }) => {
    expect((await t.get('/api/docs')).status).toBe(401);
  });

  it.for(demoUsers.map((u) => u.username))(
    'lists for %s exactly the documents docAccess opens, with that access',
    async (username, { t }) => {
      const cookie = await t.login(username);
      const { docs } = (await (await t.get('/api/docs', cookie)).json()) as {
        docs: Array<{ name: string; access: string; title: string }>;
      };
      const user = await t.storage.repo.users.byUsername(username);
      const actor = await t.storage.directory.actorOf(user?.id ?? '');
      if (actor === null) throw new Error('no actor');
      const expected: Array<[string, string]> = [];
      for (const ref of await everyDoc(t)) {
        const resource = await t.storage.directory.resourceOf(ref);
        const access = resource === null ? 'none' : docAccess(actor, resource);
        if (access !== 'none') expected.push([docName(ref), access]);
      }
      expect(docs.map((d) => [d.name, d.access]).sort()).toEqual(expected.sort());
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) expect(d.title.length).toBeGreaterThan(0);
    },
  );

  it('gives examiner1 write access to K1 and their own private document, and nothing of K2', async ({
    t,
  }) => {
    const { docs } = await t.getJson<DocsBody>('/api/docs', await t.login('examiner1'));
    const byName = new Map(docs.map((d) => [d.name, d.access]));
    expect(byName.get('commission:K1')).toBe('write');
    expect(byName.get('private:K1:examiner1')).toBe('write');
    expect(byName.get('commission:K3')).toBe('write');
    expect(byName.get('exam:inf1010')).toBe('read');
    expect(byName.has('commission:K2')).toBe(false);
    expect(byName.has('private:K1:examiner2')).toBe(false);
  });

  it('R9 gives the appeal examiners the appeal commission and record, never the ordinary commission', async ({
    t,
  }) => {
    const { docs } = await t.getJson<DocsBody>('/api/docs', await t.login('appeal1'));
    const names = docs.map((d) => d.name).sort();
    expect(names).toEqual(['appeal:appeal-103', 'commission:A1', 'exam:inf1010', 'private:A1:appeal1']);
  });

  it('R20 never lists another examiner’s private document, not even to the coordinator', async ({ t }) => {
    const { docs } = await t.getJson<DocsBody>('/api/docs', await t.login('coordinator'));
    expect(docs.some((d) => d.kind === 'private')).toBe(false);
    expect(docs.find((d) => d.name === 'commission:K1')?.access).toBe('read');
  });

  it('gives the grading supervisor read-only oversight', async ({ t }) => {
    const { docs } = await t.getJson<DocsBody>('/api/docs', await t.login('supervisor'));
    expect(docs.map((d) => `${d.name}=${d.access}`).sort()).toEqual([
      'exam:exphil03=read',
      'exam:inf1010=read',
      'progress:exphil03=read',
      'progress:inf1010=read',
    ]);
  });
});
