import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, loggedIn } from './helpers.ts';
import {
  createExamInBrowser,
  createExaminerAccount,
  importAnswersFiles,
  importCandidatesFile,
  markReadyForGrading,
  tempDir,
  writeAnswerPdf,
  writeAnswersCsv,
  writeCandidatesXlsx,
} from './setup-helpers.ts';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });

test('R1 R2 a coordinator sets up an exam in the browser: details, candidates, answers, an examiner, ready', async ({
  browser,
}) => {
  const { context, page } = await loggedIn(browser, 'coordinator');
  const dir = tempDir();

  await page.getByRole('link', { name: 'New exam' }).click();
  await expectNoAxeViolations(page);
  await shot(page, 'setup-new-exam-laptop');
  await page.goto('/#/');

  const examId = await createExamInBrowser(page, {
    course: 'INF2220',
    title: 'Algorithms and data structures',
    questions: ['Q1 Sorting', 'Q2 Graphs'],
  });
  expect(examId).toMatch(/^inf2220-20\d\d(spring|autumn)/);
  await expect(page.getByRole('link', { name: 'Setup' })).toHaveAttribute('aria-current', 'page');

  // An auto-scored third question, saved while the exam is a draft.
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByLabel('Label of question 3').fill('Q3 Complexity');
  await page.getByLabel('Scoring of question 3').selectOption('auto');
  await page.getByLabel('Answer key of question 3').fill('B');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('[data-setup-saved]')).toBeVisible();

  // Candidates from an .xlsx file with one invalid row: reported with its number, nothing stored yet.
  const xlsx = await writeCandidatesXlsx(dir, [
    [301, 'Kari Nordmann', 's300001'],
    [302, 'Per Hansen', 's300002'],
    ['30X', 'Siri Dahl', 's300003'],
    [304, 'Anne Lie', 's300004'],
  ]);
  await page.getByLabel('Candidate file (.csv or .xlsx)').setInputFiles(xlsx);
  const candidates = page.locator('[data-setup="candidates"]');
  await candidates.getByRole('button', { name: 'Check file' }).click();
  await expect(candidates.locator('tr[data-invalid-row="4"]')).toContainText(
    'Candidate numbers are digits only',
  );
  await expect(page.locator('[data-candidate-count]')).toHaveAttribute('data-candidate-count', '0');
  await expectNoAxeViolations(page);
  expect(await importCandidatesFile(page, xlsx)).toEqual([4]);
  await expect(page.locator('[data-candidate-count]')).toHaveAttribute('data-candidate-count', '3');
  await candidates.locator('summary', { hasText: 'Show the registered candidates' }).click();
  await expect(candidates.locator('tr[data-registered-candidate="301"]')).toContainText('Kari Nordmann');
  await expect(candidates.locator('tr[data-registered-candidate]')).toHaveCount(3);

  // Answers: texts from a .csv, and PDFs one request each, the bar reaching 100 %.
  const texts = writeAnswersCsv(dir, [
    ['301', 'q1', 'Merge sort splits the list in halves and merges them in order.'],
    ['302', 'q1', 'Quicksort picks a pivot.'],
    ['301', 'q3', 'B'],
    ['304', 'q2', 'Dijkstra with a priority queue.'],
  ]);
  const pdfs = [
    writeAnswerPdf(dir, '301', 'q2'),
    writeAnswerPdf(dir, '302', 'q2'),
    writeAnswerPdf(dir, '304', 'q1'),
  ];
  await importAnswersFiles(page, texts, pdfs);
  await expect(page.locator('[data-answer-count]')).toHaveAttribute('data-pdf-count', '3');
  await expect(page.locator('[data-answer-count]')).toHaveAttribute('data-answer-count', '4');
  await shot(page, 'setup-imported-laptop');

  // An examiner account that can log in at once.
  await createExaminerAccount(page, {
    username: 'nlund',
    displayName: 'Nora Lund',
    password: 'initial-pass-1',
  });
  await page.locator('summary', { hasText: 'Everyone who can be added to a commission' }).click();
  await expect(page.locator('tr[data-person="nlund"]')).toContainText('Nora Lund');
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 820, height: 1180 });
  await expectNoAxeViolations(page);
  await shot(page, 'setup-tablet');
  await page.setViewportSize({ width: 1366, height: 768 });

  await markReadyForGrading(page);
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  await expect(page.getByLabel('Course code')).toBeDisabled();
  await expectNoAxeViolations(page);
  await shot(page, 'setup-ready-laptop');

  await page.goto('/#/');
  await expect(page.locator(`[data-oversee="${examId}"]`)).toBeVisible();
  await shot(page, 'setup-home-laptop');

  // R2: the new examiner logs in with the initial password and reads no names or student ids.
  const fresh = await browser.newContext({ viewport: { width: 820, height: 1180 } });
  const examinerPage = await fresh.newPage();
  await examinerPage.goto('/');
  await examinerPage.getByLabel('Username').fill('nlund');
  await examinerPage.getByLabel('Password').fill('initial-pass-1');
  await examinerPage.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(examinerPage.getByRole('heading', { name: 'My exams', level: 1 })).toBeVisible();
  const identities = await examinerPage.evaluate(
    async (id) => (await fetch(`/api/exams/${id}/candidates`)).status,
    examId,
  );
  expect(identities).toBe(403);
  await fresh.close();
  await context.close();
});

test('the new exam form and setup screen pass axe on a tablet', async ({ browser }) => {
  const { context, page } = await loggedIn(browser, 'coordinator', { width: 820, height: 1180 });
  await page.getByRole('link', { name: 'New exam' }).click();
  await expect(page.getByRole('heading', { name: 'Create a new exam', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'setup-new-exam-tablet');
  await page.getByRole('button', { name: /Norsk bokmål/ }).click();
  await expect(page.getByRole('heading', { name: 'Opprett en ny eksamen', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'setup-new-exam-tablet-nb');
  await page.getByRole('button', { name: /English/ }).click();
  await context.close();
});
