import { readFile } from 'node:fs/promises';
import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test';
import {
  demoPassword,
  expectAllSaved,
  expectNoAxeViolations,
  loggedIn,
  openCommission,
  pointsField,
} from './helpers.ts';

/** Another examiner's device, talking to the REST API only. */
const apiAs = async (baseURL: string, username: string): Promise<APIRequestContext> => {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const login = await api.post('/api/session', { data: { username, password: demoPassword } });
  expect(login.ok()).toBe(true);
  return api;
};

const k1Row = (page: Page) => page.locator('[data-oversee="inf1010"] tr[data-commission-progress="K1"]');

test('R14 the coordinator watches K1 change live while an examiner grades, confirms and registers', async ({
  browser,
  baseURL,
}) => {
  const coordinator = await loggedIn(browser, 'coordinator');
  const { page } = coordinator;
  await expect(page.getByRole('heading', { name: 'Exams you oversee', level: 2 })).toBeVisible();
  const row = k1Row(page);
  await expect(row).toHaveAttribute('data-total', '20');
  const registeredBefore = Number(await row.getAttribute('data-registered'));
  const confirmedBefore = Number(await row.getAttribute('data-confirmed'));
  await expect(row.getByText(/working days? left|due today|Overdue|Done/)).toBeVisible();

  // examiner1 grades on a tablet: a points field, then confirms the proposed grade of 111.
  const examiner = await loggedIn(browser, 'examiner1', { width: 820, height: 1180 });
  await openCommission(examiner.page, 'K1', '111');
  const field = pointsField(examiner.page, 'Q1', '111');
  await expect(field).toBeEditable();
  // Presence in the commission document reaches the coordinator, who reads it.
  await expect(row.locator('[data-online="examiner1"]')).toBeVisible();
  const value = await field.inputValue();
  await field.fill(value === '' ? '1' : value);
  await field.press('Enter');
  await expectAllSaved(examiner.page);
  const grade = await examiner.page.locator('[data-grade]').first().getAttribute('data-grade');
  expect(grade).toMatch(/^[A-F]$/);
  await examiner.page.getByRole('button', { name: `Confirm grade ${grade}` }).click();
  await expect(examiner.page.getByText(`You confirmed ${grade}.`)).toBeVisible();

  // The co-examiner confirms the same grade from another device: 111 is now confirmed by both.
  const two = await apiAs(baseURL ?? '', 'examiner2');
  const confirmed = await two.post('/api/commissions/K1/candidates/111/confirm', { data: { grade } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  await expect(row).toHaveAttribute('data-confirmed', String(confirmedBefore + 1));

  await examiner.page.getByRole('button', { name: `Register final grade ${grade}` }).click();
  // The dashboard follows the server-written progress document, without a reload.
  await expect(row).toHaveAttribute('data-registered', String(registeredBefore + 1));
  await expect(row).toContainText(`${registeredBefore + 1} of 20`);

  await two.dispose();
  await examiner.context.close();
  await coordinator.context.close();
});

test('R15 R11 the export downloads final grades only, and the partial export says who is missing and withheld', async ({
  browser,
}) => {
  const { context, page } = await loggedIn(browser, 'coordinator');
  await page.goto('/#/exam/inf1010/export');
  await expect(page.getByRole('heading', { name: /^Export: / })).toBeVisible();
  await page.getByRole('button', { name: 'Download .csv' }).click();
  await expect(page.locator('[data-export-incomplete]')).toBeVisible();

  await page.getByLabel('Partial export: include only the registered grades').check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .csv' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('inf1010-grades-partial.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toBe('candidate,studentId,grade');
  expect(rows.length).toBeGreaterThanOrEqual(6);
  for (const line of rows) expect(line).toMatch(/^\d{3},[^,]+,[A-F]$/);
  // The flagged candidate is withheld (R11) and named on screen, never in the file.
  expect(csv).not.toContain('110,');
  await expect(page.locator('[data-export-withheld]')).toContainText('110');
  await expect(page.locator('[data-export-missing]')).toContainText('113');
  await context.close();
});

for (const viewport of [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'tablet', width: 820, height: 1180 },
]) {
  test(`axe finds no WCAG 2.1 AA violations on the coordinator and supervisor pages (${viewport.name})`, async ({
    browser,
  }) => {
    const { context, page } = await loggedIn(browser, 'coordinator', viewport);
    await expect(k1Row(page)).toBeVisible();
    await expectNoAxeViolations(page);
    for (const [tab, ready] of [
      ['progress', 'tr[data-commission-progress="K1"]'],
      ['worklist', '[data-worklist-count]'],
      ['export', 'button:has-text("Download .csv")'],
      ['audit', '[data-audit-count]'],
      ['import', '#grade-file'],
      ['statistics', '[data-stats-total]'],
    ] as const) {
      await page.goto(`/#/exam/inf1010/${tab}`);
      await expect(page.locator(ready).first()).toBeVisible();
      await expectNoAxeViolations(page);
    }
    // R19 across terms: both exams the coordinator oversees.
    await expect(page.locator('[data-stats-terms]')).toBeVisible();
    // The charts are drawn (Chart.js on a canvas), each named for screen readers.
    const distribution = page.getByRole('img', { name: /^Bar chart of the grade distribution/ });
    await expect(distribution.locator('canvas')).toBeVisible();
    expect(
      await distribution.locator('canvas').evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')?.getImageData(0, 0, c.width, c.height) ?? { data: [] };
        return Array.from(data).some((v, i) => i % 4 === 3 && v > 0);
      }),
      'the distribution chart has pixels',
    ).toBe(true);
    // The audit filters narrow the log (R21).
    await page.goto('/#/exam/inf1010/audit');
    await page.getByLabel('Action').selectOption('flag');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('tr[data-audit-action]').first()).toHaveAttribute('data-audit-action', 'flag');
    await expect(page.locator('tr[data-audit-action]:not([data-audit-action="flag"])')).toHaveCount(0);
    await context.close();

    const supervisor = await loggedIn(browser, 'supervisor', viewport);
    await expect(k1Row(supervisor.page)).toBeVisible();
    await expect(supervisor.page.getByRole('link', { name: 'Export' })).toHaveCount(0);
    await expectNoAxeViolations(supervisor.page);
    await supervisor.page.goto('/#/exam/inf1010/statistics');
    await expect(supervisor.page.locator('[data-stats-total]')).toBeVisible();
    await expectNoAxeViolations(supervisor.page);
    await supervisor.context.close();
  });
}

test('R12 a grade file is checked, accepted and undone per candidate', async ({ browser }) => {
  const { context, page } = await loggedIn(browser, 'coordinator');
  await page.goto('/#/exam/inf1010/import');
  await page.getByLabel('Grade file (.csv or .xlsx)').setInputFiles({
    name: 'grades.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('candidate,grade\n114,B\n115,Q\n116,\n'),
  });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.locator('[data-valid="1"]')).toBeVisible();
  await expect(page.locator('tr[data-invalid-row="3"]')).toContainText('115');
  await page.getByRole('button', { name: 'Accept 1 valid row' }).click();
  await expect(page.locator('[data-import-status="accepted"]')).toBeVisible();
  await page.getByRole('button', { name: 'Undo the import for candidate 114' }).click();
  await expect(page.locator('tr[data-applied="114"]')).toContainText('Undone');
  await expectNoAxeViolations(page);
  await context.close();
});

test('R6 R11 the coordinator reopens a requested grade and clears a cheating flag from the worklist', async ({
  browser,
  baseURL,
}) => {
  const two = await apiAs(baseURL ?? '', 'examiner2');
  const asked = await two.post('/api/commissions/K1/candidates/104/request-reopen', {
    data: { reason: 'Q5 was not counted' },
  });
  expect(asked.status(), await asked.text()).toBe(200);

  const { context, page } = await loggedIn(browser, 'coordinator');
  await page.goto('/#/exam/inf1010/worklist');
  const request = page.locator('li[data-worklist="reopen"][data-candidate="104"]');
  await expect(request).toContainText('Q5 was not counted');
  const flag = page.locator('li[data-worklist="flag"][data-candidate="110"]');
  await expect(flag).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Your reason (candidate 104)').fill('Q5 was left out of the total');
  await page.getByRole('button', { name: 'Reopen the grade of candidate 104' }).click();
  await expect(request).toHaveCount(0);
  await page.getByLabel('Your reason (candidate 110)').fill('The overlap is a quoted textbook passage');
  await page.getByRole('button', { name: 'Clear the flag' }).click();
  await expect(flag).toHaveCount(0);

  // Both decisions are in the audit log (R21).
  await page.goto('/#/exam/inf1010/audit');
  await page.getByLabel('Action').selectOption('resolveFlag');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('tr[data-audit-action="resolveFlag"]')).toHaveCount(1);
  await two.dispose();
  await context.close();
});
