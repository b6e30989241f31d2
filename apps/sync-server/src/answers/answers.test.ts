import { candidateKey, docName, rootMap } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { demoUsers } from '../seed/index.ts';
import { type AnswersBody, it } from '../testing/demo-app.ts';

const answersPath = (candidate: string, exam = 'inf1010') => `/api/exams/${exam}/answers/${candidate}`;

describe('GET /api/exams/:id/answers/:candidate', () => {
  it('gives a commission member the answers per question, as text', async ({ t }) => {
    const body = await t.getJson<AnswersBody>(answersPath('107'), await t.login('examiner1'));
    expect(body.candidate).toBe('107');
    expect(body.answers.map((a) => a.questionId)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
    expect(body.answers[4]?.text.length).toBeGreaterThan(20);
  });

  it('refuses a candidate of another commission, and a missing exam the same way', async ({ t }) => {
    const cookie = await t.login('examiner1');
    const other = await t.get(answersPath('125'), cookie);
    const missing = await t.get(answersPath('125', 'nope'), cookie);
    expect(other.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual(await other.json());
  });

  it('R1 hides answers from examiners until the exam is ready for grading, but not from the coordinator', async ({
    t,
  }) => {
    const exam = await t.storage.repo.exams.byId('inf1010');
    if (exam === null) throw new Error('no exam');
    await t.storage.repo.exams.put({ ...exam, status: 'draft' });
    const res = await t.get(answersPath('107'), await t.login('examiner1'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'notReadyForGrading' });
    expect((await t.get(answersPath('107'), await t.login('coordinator'))).status).toBe(200);
  });

  it('R9 lets the appeal commission read the appealed candidate only', async ({ t }) => {
    const cookie = await t.login('appeal1');
    expect((await t.get(answersPath('103'), cookie)).status).toBe(200);
    expect((await t.get(answersPath('104'), cookie)).status).toBe(403);
  });

  it('R16 hides the candidate from an examiner who declared themselves disqualified', async ({ t }) => {
    await t.writer.transact(docName({ kind: 'commission', commissionId: 'K1' }), (doc) => {
      rootMap(doc, 'commission', 'candidates').set(candidateKey('108'), {
        attended: true,
        disqualified: ['examiner1'],
      });
    });
    expect((await t.get(answersPath('108'), await t.login('examiner1'))).status).toBe(403);
    expect((await t.get(answersPath('108'), await t.login('examiner2'))).status).toBe(200);
  });

  it('serves a PDF answer to whoever may read the candidate’s answers', async ({ t }) => {
    const cookie = await t.login('examiner1');
    const listed = await t.getJson<AnswersBody>(answersPath('104'), cookie);
    expect(listed.answers.filter((a) => a.hasPdf).map((a) => a.questionId)).toEqual(['q8']);
    const pdf = await t.get(`${answersPath('104')}/q8/pdf`, cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode(await pdf.arrayBuffer())).toMatch(
      /^%PDF-1\.4[\s\S]*candidate 104[\s\S]*%%EOF\n$/,
    );
    expect((await t.get(`${answersPath('104')}/q7/pdf`, cookie)).status).toBe(404);
    expect((await t.get(`${answersPath('104')}/q8/pdf`, await t.login('examiner3'))).status).toBe(403);
  });

  it('R2 no examiner response carries a candidate’s name or student id', async ({ t }) => {
    const identities = [
      ...(await t.storage.repo.exams.candidates('inf1010')),
      ...(await t.storage.repo.exams.candidates('exphil03')),
    ].flatMap((c) => [c.name, c.studentId]);
    expect(identities).toHaveLength(104);
    const examiners = demoUsers.filter((u) => u.id.startsWith('examiner') || u.id.startsWith('appeal'));
    for (const user of examiners) {
      const cookie = await t.login(user.username);
      const texts = [
        await (await t.get('/api/me', cookie)).text(),
        await (await t.get('/api/docs', cookie)).text(),
      ];
      for (let n = 101; n <= 140; n++) texts.push(await (await t.get(answersPath(String(n)), cookie)).text());
      for (const text of texts) for (const identity of identities) expect(text).not.toContain(identity);
    }
  });
});
