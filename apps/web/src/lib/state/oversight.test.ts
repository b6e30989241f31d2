import { describe, expect, it } from 'vitest';
import { offlineRegistry, progressEntry } from '../testing/fixtures.ts';
import type { DocEntry } from './catalog.svelte.ts';
import { byUrgency, ExamProgress, oversightExams, summarize } from './oversight.svelte.ts';
import { href, parseRoute } from './router.svelte.ts';

const entry = (name: string, examId: string): DocEntry => ({
  docName: name,
  access: 'read',
  title: `${examId}: progress`,
  ref: { kind: 'progress', examId },
});

describe('oversight', () => {
  it('R14 lists the exams whose progress the user may read, with the strongest role', () => {
    const entries = [entry('progress:inf1010', 'inf1010'), entry('progress:exphil03', 'exphil03')];
    expect(
      oversightExams(
        [
          { role: 'supervisor', examId: 'inf1010' },
          { role: 'coordinator', examId: 'inf1010' },
          { role: 'supervisor', examId: 'exphil03' },
        ],
        entries,
      ),
    ).toEqual([
      { examId: 'inf1010', role: 'coordinator', title: 'inf1010: progress' },
      { examId: 'exphil03', role: 'supervisor', title: 'exphil03: progress' },
    ]);
    expect(
      oversightExams(
        [{ role: 'examiner', examId: 'inf1010', commissionId: 'K1', purpose: 'ordinary' }],
        entries,
      ),
    ).toEqual([]);
  });

  it('R14 puts overdue commissions first, then the fewest working days left', () => {
    const list = [
      progressEntry({ commissionId: 'K1', remainingWorkingDays: 8 }),
      progressEntry({ commissionId: 'K2', remainingWorkingDays: 2 }),
      progressEntry({ commissionId: 'K3', remainingWorkingDays: -1, overdue: true }),
    ];
    expect([...list].sort(byUrgency).map((c) => c.commissionId)).toEqual(['K3', 'K2', 'K1']);
  });

  it('R14 adds up the counts and counts each online examiner once', () => {
    expect(
      summarize([
        progressEntry({
          commissionId: 'K1',
          graded: 12,
          confirmed: 6,
          locked: 6,
          online: ['examiner1', 'examiner2'],
        }),
        progressEntry({ commissionId: 'K2', graded: 4, online: ['examiner2'], overdue: true }),
      ]),
    ).toEqual({ total: 40, graded: 16, confirmed: 6, locked: 6, overdue: 1, online: 2 });
  });

  it('R14 reads the server-written progress document and follows its changes', () => {
    const registry = offlineRegistry();
    const state = new ExamProgress(registry, 'exam1', 'supervisor');
    const map = state.progressDocument.doc.getMap('commissions');
    map.set('K1', progressEntry({ commissionId: 'K1', graded: 3 }));
    expect(state.commissions.map((c) => c.graded)).toEqual([3]);
    map.set('K1', progressEntry({ commissionId: 'K1', graded: 4, online: ['examiner1'] }));
    expect(state.summary).toMatchObject({ graded: 4, online: 1 });
    // The supervisor cannot read commission documents: the user id is the name.
    expect(state.nameOf('K1', 'examiner1')).toBe('examiner1');
  });

  it('R14 names the online examiners for a coordinator and leaves the user out', () => {
    const registry = offlineRegistry();
    registry
      .get('commission:KO1')
      .doc.getMap('info')
      .set('commission', {
        id: 'KO1',
        examId: 'exam2',
        name: 'KO1',
        purpose: 'ordinary',
        members: [
          {
            userId: 'examiner1',
            displayName: 'Ola Hansen',
            affiliation: 'internal',
            firstTime: false,
            extra: false,
          },
        ],
      });
    const state = new ExamProgress(registry, 'exam2', 'coordinator', 'coordinator');
    const c = progressEntry({ commissionId: 'KO1', online: ['examiner1', 'coordinator'] });
    expect(state.online(c)).toEqual([{ userId: 'examiner1', name: 'Ola Hansen' }]);
  });

  it('routes the exam screens by hash', () => {
    expect(parseRoute('#/exam/inf1010/export')).toEqual({ name: 'exam', examId: 'inf1010', tab: 'export' });
    expect(parseRoute('#/exam/inf1010/nonsense')).toEqual({
      name: 'exam',
      examId: 'inf1010',
      tab: 'progress',
    });
    expect(href({ name: 'exam', examId: 'inf1010', tab: 'audit' })).toBe('#/exam/inf1010/audit');
  });
});
