import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export const demoPassword = 'cograde-demo';

/** A fresh browser context (its own cookies and IndexedDB) logged in as a demo user. */
export const loggedIn = async (
  browser: Browser,
  username: string,
  viewport = { width: 1366, height: 768 },
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My exams', level: 1 })).toBeVisible();
  return { context, page };
};

export const openCommission = async (page: Page, commissionId: string, focus?: string) => {
  const query = focus === undefined ? 'by=candidate' : `by=candidate&focus=${focus}`;
  await page.goto(`/#/commission/${commissionId}?${query}`);
};

export const pointsField = (page: Page, question: string, candidate: string) =>
  page.getByLabel(new RegExp(`^Points for ${question}\\b.*candidate ${candidate}$`));

export const syncBadge = (page: Page) => page.getByRole('status', { name: 'Sync status' });

export const expectAllSaved = async (page: Page) =>
  expect(syncBadge(page)).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });

/** WCAG 2.1 AA checks by axe on what the page shows now. */
export const expectNoAxeViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
  expect(summary, 'axe violations').toEqual([]);
};

/**
 * Waits until the service worker controls the page, and reloads once so that its first activation cannot
 * reload the page later, in the middle of a test that has gone offline.
 */
export const whenServiceWorkerControls = async (page: Page) => {
  await page.waitForFunction(async () => (await navigator.serviceWorker?.ready) !== undefined);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
};
