import { commissionDoc, commissionMarks, docName, examDoc, type Grade, proposedGrade } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, demoApp, fixedClock } from '../testing/demo-app.ts';

describe('demo seed', () => {
  let a: DemoApp;
  let b: DemoApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([demoApp(), demoApp()]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('is deterministic: two seeds with the same clock store the same rows and the same document bytes', async () => {
    const names = await a.storage.docs.docNames();
    expect(names).toEqual(await b.storage.docs.docNames());
    for (const name of names)
      expect(await a.storage.docs.load(name)).toEqual(await b.storage.docs.load(name));
    expect(await a.storage.repo.exams.all()).toEqual(await b.storage.repo.exams.all());
    expect(await a.storage.repo.exams.candidates('inf1010')).toEqual(
      await b.storage.repo.exams.candidates('inf1010'),
    );
    expect(await a.storage.repo.commissions.ofExam('inf1010')).toEqual(
      await b.storage.repo.commissions.ofExam('inf1010'),
    );
    expect(await a.storage.repo.audit.ofExam('inf1010')).toEqual(
      await b.storage.repo.audit.ofExam('inf1010'),
    );
    expect(await a.storage.repo.exams.answers('inf1010', '117')).toEqual(
      await b.storage.repo.exams.answers('inf1010', '117'),
    );
  });

  it('seeds the users, exams and candidates of DEMO.md', async () => {
    const users = (await a.storage.repo.users.all()).map((u) => u.username).sort();
    expect(users).toEqual([
      'appeal1',
      'appeal2',
      'coordinator',
      'examiner1',
      'examiner2',
      'examiner3',
      'supervisor',
    ]);
    const inf = await a.storage.repo.exams.byId('inf1010');
    expect(inf?.questions).toHaveLength(8);
    expect((inf?.date ?? '9') < fixedClock.now().toISOString().slice(0, 10)).toBe(true);
    const candidates = await a.storage.repo.exams.candidates('inf1010');
    expect(candidates.map((c) => c.number)).toEqual(Array.from({ length: 40 }, (_, i) => String(101 + i)));
    expect(new Set(candidates.map((c) => c.name)).size).toBe(40);
    const oral = await a.storage.repo.exams.candidates('exphil03');
    expect(oral).toHaveLength(12);
    expect(oral.filter((c) => c.attended)).toHaveLength(10);
  });

  it('registers 101–106 with one of each grade A–F, the grade following from the marks and the scale', async () => {
    const exam = await a.writer.read(docName({ kind: 'exam', examId: 'inf1010' }), (doc) =>
      examDoc(doc).exam(),
    );
    expect(exam?.id).toBe('inf1010');
    if (exam === undefined) return;
    const grades = await a.writer.read(docName({ kind: 'commission', commissionId: 'K1' }), (doc) => {
      const k1 = commissionDoc(doc);
      return ['101', '102', '103', '104', '105', '106'].map((candidate) => {
        const { marks, auto } = commissionMarks(k1, exam.questions, candidate);
        const final = k1.final(candidate)?.grade;
        const confirmed = k1.confirmations(candidate).map((c) => c.grade);
        const proposed = proposedGrade(exam, marks, auto);
        return { final, confirmed, computed: proposed.ok ? proposed.grade : proposed.reason };
      });
    });
    expect(grades.map((g) => g.final)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'] satisfies Grade[]);
    for (const g of grades) {
      expect(g.computed).toBe(g.final);
      expect(g.confirmed).toEqual([g.final, g.final]);
    }
  });

  it('flags 110, leaves 113–120 untouched and records the appeal of 103', async () => {
    const k1 = await a.writer.read(docName({ kind: 'commission', commissionId: 'K1' }), (doc) => ({
      hold: commissionDoc(doc).hold('110'),
      marked107: commissionDoc(doc).mark('107', 'q5'),
      marked113: commissionDoc(doc).mark('113', 'q5'),
      final107: commissionDoc(doc).final('107'),
    }));
    expect(k1.hold?.kind).toBe('cheating');
    expect(k1.marked107).toBeTypeOf('number');
    expect(k1.marked113).toBeUndefined();
    expect(k1.final107).toBeUndefined();
    const appeal = await a.storage.repo.appeals.byId('appeal-103');
    expect(appeal?.appealCommissionId).toBe('A1');
    const audit = await a.storage.repo.audit.ofExam('inf1010');
    expect(audit.filter((e) => e.action === 'register').map((e) => e.candidate)).toEqual([
      '101',
      '102',
      '103',
      '104',
      '105',
      '106',
    ]);
  });
});
