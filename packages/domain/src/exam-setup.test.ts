import { describe, expect, it } from 'vitest';
import { checkEditable, checkReadyForGrading, examIdFor } from './exam-setup.ts';
import { idSchema } from './ids.ts';

const question = { id: 'q1', label: 'Q1', maxPoints: 10, weight: 1, scoring: 'manual' as const };

describe('exam setup', () => {
  it('R1 a draft with candidates and questions may be marked ready for grading', () => {
    expect(
      checkReadyForGrading({ status: 'draft', kind: 'written', questions: [question] }, { candidates: 3 }),
    ).toEqual({
      ok: true,
    });
  });

  it('R1 an exam already ready or published is not marked ready again, nor edited', () => {
    for (const status of ['ready', 'published'] as const) {
      expect(
        checkReadyForGrading({ status, kind: 'written', questions: [question] }, { candidates: 3 }),
      ).toEqual({
        ok: false,
        reason: 'examNotDraft',
      });
      expect(checkEditable({ status })).toEqual({ ok: false, reason: 'examNotDraft' });
    }
    expect(checkEditable({ status: 'draft' })).toEqual({ ok: true });
  });

  it('R1 an exam without candidates is not ready for grading', () => {
    const r = checkReadyForGrading(
      { status: 'draft', kind: 'written', questions: [question] },
      { candidates: 0 },
    );
    expect(r).toEqual({ ok: false, reason: 'noCandidates' });
  });

  it('R13 a written exam needs questions; an oral exam is graded without any', () => {
    expect(
      checkReadyForGrading({ status: 'draft', kind: 'written', questions: [] }, { candidates: 2 }),
    ).toEqual({
      ok: false,
      reason: 'noQuestions',
    });
    expect(checkReadyForGrading({ status: 'draft', kind: 'oral', questions: [] }, { candidates: 2 })).toEqual(
      {
        ok: true,
      },
    );
  });

  it('derives a document-safe exam id from course and term, numbered when taken', () => {
    const taken = new Set(['inf2220-2026autumn', 'inf2220-2026autumn-2']);
    expect(examIdFor('INF 2220', '2026autumn', () => false)).toBe('inf-2220-2026autumn');
    expect(examIdFor('INF2220', '2026autumn', (id) => taken.has(id))).toBe('inf2220-2026autumn-3');
    expect(examIdFor('Ø!', '2026spring', () => false)).toBe('2026spring');
  });

  it('R9 caps the exam id so every id derived from it stays within 64 characters', () => {
    const id = examIdFor(`${'Long course name '.repeat(6)}-`, '2026autumn', (x) => !x.endsWith('-999'));
    expect(id.length).toBeLessThanOrEqual(44);
    expect(id).toMatch(/^[a-z0-9_-]+[a-z0-9_]-999$/);
    expect(idSchema.safeParse(`${id}-appeal-1234567890`).success).toBe(true);
  });
});
