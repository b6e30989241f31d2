import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { minimalPdf } from '../../apps/sync-server/src/seed/minimal-pdf.ts';

/**
 * Exam setup in the browser, as a coordinator does it, in small steps that other browser tests reuse
 * (issue 8's end-to-end test forms commissions on an exam made with `createExamFromFiles`). Every file is
 * generated into a temp dir and uploaded through the page's file inputs.
 */

export const tempDir = () => mkdtempSync(join(tmpdir(), 'cograde-setup-'));

export type CandidateRow = [number | string, string, string];

/** An .xlsx candidate list with the header candidate / name / student id. */
export const writeCandidatesXlsx = async (
  dir: string,
  rows: readonly CandidateRow[],
  name = 'candidates.xlsx',
) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Candidates');
  sheet.addRow(['Candidate', 'Name', 'Student id']);
  for (const row of rows) sheet.addRow([...row]);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
};

/** A .csv of answer texts: candidate, question, text (quoted). */
export const writeAnswersCsv = (
  dir: string,
  rows: ReadonlyArray<[string, string, string]>,
  name = 'answers.csv',
) => {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const path = join(dir, name);
  writeFileSync(path, ['candidate,question,text', ...rows.map((r) => r.map(quote).join(','))].join('\n'));
  return path;
};

/** A one-page PDF answer named `<candidate>-<question>.pdf`. */
export const writeAnswerPdf = (dir: string, candidate: string, question: string) => {
  const path = join(dir, `${candidate}-${question}.pdf`);
  writeFileSync(path, minimalPdf([`Candidate ${candidate}, ${question}`, 'A scanned sketch.']));
  return path;
};

export type NewExam = {
  course: string;
  title: string;
  /** Labels of manual questions, in order (ids q1, q2 …). */
  questions: readonly string[];
};

/** From the coordinator's home: New exam, fill in the details, create. Resolves with the new exam's id. */
export const createExamInBrowser = async (page: Page, exam: NewExam): Promise<string> => {
  await page.getByRole('link', { name: 'New exam' }).click();
  await expect(page.getByRole('heading', { name: 'Create a new exam', level: 1 })).toBeVisible();
  await page.getByLabel('Course code').fill(exam.course);
  await page.getByLabel('Title', { exact: true }).fill(exam.title);
  for (const [i, label] of exam.questions.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByLabel(`Label of question ${i + 1}`).fill(label);
  }
  await page.getByRole('button', { name: 'Create exam' }).click();
  await expect(page).toHaveURL(/#\/exam\/[^/]+\/setup$/);
  await expect(page.locator('[data-exam-status="draft"]')).toBeVisible();
  return decodeURIComponent(/#\/exam\/([^/]+)\/setup$/.exec(page.url())?.[1] ?? '');
};

/** Checks a candidate file, then accepts its valid rows. Resolves with the invalid row numbers reported. */
export const importCandidatesFile = async (page: Page, path: string): Promise<number[]> => {
  await page.getByLabel('Candidate file (.csv or .xlsx)').setInputFiles(path);
  const section = page.locator('[data-setup="candidates"]');
  await section.getByRole('button', { name: 'Check file' }).click();
  const report = section.locator('[data-sheet-report="candidates"]');
  await expect(report).toHaveAttribute('data-accepted', 'false');
  const invalid = await report
    .locator('tr[data-invalid-row]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-invalid-row'))));
  await section.getByRole('button', { name: /^Accept \d+ valid rows?$/ }).click();
  await expect(report).toHaveAttribute('data-accepted', 'true');
  return invalid;
};

/** Answer texts from a sheet (checked, then accepted) and PDFs, watching the progress bar reach 100 %. */
export const importAnswersFiles = async (page: Page, textsPath: string, pdfPaths: readonly string[]) => {
  const section = page.locator('[data-setup="answers"]');
  await page.getByLabel('Answer text file (.csv or .xlsx)').setInputFiles(textsPath);
  await section.getByRole('button', { name: 'Check file' }).click();
  await section.getByRole('button', { name: /^Accept \d+ valid rows?$/ }).click();
  await expect(section.locator('[data-sheet-report="answers"]')).toHaveAttribute('data-accepted', 'true');
  if (pdfPaths.length === 0) return;
  await page.getByLabel('PDF files').setInputFiles([...pdfPaths]);
  await section.getByRole('button', { name: 'Upload PDFs' }).click();
  const bar = section.getByRole('progressbar', { name: 'Upload progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(section.locator('[data-pdf-done]')).toHaveAttribute('data-pdf-done', String(pdfPaths.length));
};

export type NewExaminer = { username: string; displayName: string; password: string };

export const createExaminerAccount = async (page: Page, person: NewExaminer) => {
  await page.getByLabel('Login', { exact: true }).selectOption('password');
  await page.getByLabel('Username', { exact: true }).fill(person.username);
  await page.getByLabel('Full name').fill(person.displayName);
  await page.getByLabel('Initial password (at least 10 characters)').fill(person.password);
  await page.getByRole('button', { name: 'Create examiner' }).click();
  await expect(page.locator(`[data-person-created="${person.username}"]`)).toBeVisible();
};

export const markReadyForGrading = async (page: Page) => {
  await page.getByRole('button', { name: 'Mark ready for grading' }).click();
  await expect(page.locator('[data-exam-status="ready"]')).toBeVisible();
};

/**
 * A whole exam from files, as a coordinator on the home screen makes it: details and questions,
 * candidates from .xlsx, answer texts from .csv and one PDF per listed answer. Not marked ready, so that
 * commissions can be formed first. Resolves with the exam id.
 */
export const createExamFromFiles = async (
  page: Page,
  opts: NewExam & {
    candidates: readonly CandidateRow[];
    answers: ReadonlyArray<[string, string, string]>;
    pdfs?: ReadonlyArray<[string, string]>;
  },
): Promise<string> => {
  const dir = tempDir();
  const examId = await createExamInBrowser(page, opts);
  await importCandidatesFile(page, await writeCandidatesXlsx(dir, opts.candidates));
  const pdfPaths = (opts.pdfs ?? []).map(([candidate, question]) => writeAnswerPdf(dir, candidate, question));
  await importAnswersFiles(page, writeAnswersCsv(dir, opts.answers), pdfPaths);
  return examId;
};
