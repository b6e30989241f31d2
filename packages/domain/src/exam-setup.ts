import { type Exam, isRegistrationOnly } from './exam.ts';
import { ok, type Result, refuse } from './result.ts';

/**
 * Setting up an exam: what a coordinator may change while the exam is a draft, and when it may be marked
 * ready for grading (R1: examiners see no answers before that).
 */

/** Details, questions, scale, policies and candidates change only while the exam is a draft. */
export const checkEditable = (exam: Pick<Exam, 'status'>): Result =>
  exam.status === 'draft' ? ok() : refuse('examNotDraft');

/**
 * R1: draft → ready. The exam needs candidates, and an exam with submissions (written, master's thesis)
 * needs questions to grade them by; registration-only exams (R13) are graded without any.
 */
export const checkReadyForGrading = (
  exam: Pick<Exam, 'status' | 'kind' | 'questions'>,
  facts: { candidates: number },
): Result => {
  const editable = checkEditable(exam);
  if (!editable.ok) return editable;
  if (facts.candidates === 0) return refuse('noCandidates');
  if (!isRegistrationOnly(exam.kind) && exam.questions.length === 0) return refuse('noQuestions');
  return ok();
};

/**
 * A readable, unused exam id from the course and term: `inf2220-2026autumn`, then `-2`, `-3` … when taken.
 * Only letters, digits, `_` and `-` survive (ids are document-name safe). At most 40 characters before the
 * `-N`, so the ids derived from it (`<exam>-appeal-<candidate>`, `<exam>-<commission>`) fit in 64.
 */
export const examIdFor = (course: string, term: string, taken: (id: string) => boolean): string => {
  const slug = `${course}-${term}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  const base = slug === '' ? 'exam' : slug;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
};
