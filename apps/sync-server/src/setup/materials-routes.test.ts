import { docName, examDoc } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { type DemoApp, type DocsBody, it } from '../testing/demo-app.ts';
import { put } from './test-kit.ts';

const materials = {
  guidelines: 'Q3: full marks need both encapsulation and a reason for it.',
  courseDescription: 'INF1010 teaches object-oriented programming in Java.',
  syllabus: 'Lecture notes 1–12; Horstmann, Core Java, ch. 1–9.',
};

describe('exam materials (R9)', () => {
  const stored = (t: DemoApp) =>
    t.writer.read(docName({ kind: 'exam', examId: 'inf1010' }), (doc) => examDoc(doc).exam()?.materials);

  it('R9 the guidelines, course description and syllabus reach the exam document appeal examiners read, also during grading', async ({
    t,
    coordinator,
  }) => {
    const res = await put(t, '/api/exams/inf1010/materials', coordinator, materials);
    expect(res.status).toBe(200);
    expect(await stored(t)).toEqual(materials);
    expect((await t.storage.repo.exams.byId('inf1010'))?.materials).toEqual(materials);
    const appealDocs = await t.getJson<DocsBody>('/api/docs', await t.login('appeal1'));
    expect(appealDocs.docs.map((d) => d.name)).toContain('exam:inf1010');
    const audit = (await t.storage.repo.audit.ofExam('inf1010')).filter((e) => e.action === 'examChanged');
    expect(audit.at(-1)?.detail).toEqual({
      materials: {
        guidelines: materials.guidelines.length,
        courseDescription: materials.courseDescription.length,
        syllabus: materials.syllabus.length,
      },
    });
  });

  it('R21 only the coordinator sets them; bad input changes nothing', async ({ t, coordinator }) => {
    const before = await stored(t);
    const examiner = await t.login('examiner1');
    expect((await put(t, '/api/exams/inf1010/materials', examiner, materials)).status).toBe(403);
    const tooLong = { ...materials, syllabus: 'x'.repeat(20_001) };
    expect((await put(t, '/api/exams/inf1010/materials', coordinator, tooLong)).status).toBe(400);
    expect((await put(t, '/api/exams/inf1010/materials', coordinator, { guidelines: 7 })).status).toBe(400);
    expect(await stored(t)).toEqual(before);
  });
});
