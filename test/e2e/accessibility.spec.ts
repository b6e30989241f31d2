import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, loggedIn, openCommission } from './helpers.ts';

for (const viewport of [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'tablet', width: 820, height: 1180 },
]) {
  test(`axe finds no WCAG 2.1 AA violations on any examiner page (${viewport.name})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByLabel('Username')).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();

    const { context: c2, page: p2 } = await loggedIn(browser, 'examiner1', viewport);
    await expectNoAxeViolations(p2);
    await openCommission(p2, 'K1', '107');
    await expect(p2.getByRole('heading', { name: /Candidate 107/ })).toBeVisible();
    await expectNoAxeViolations(p2);
    await p2.goto('/#/commission/K1?by=question&focus=q3');
    await expect(p2.getByRole('heading', { name: /Q3/ }).first()).toBeVisible();
    await expectNoAxeViolations(p2);
    await c2.close();
  });
}

test('the language switch turns the interface Norwegian and is remembered', async ({ browser }) => {
  const { context, page } = await loggedIn(browser, 'examiner1');
  await page.getByRole('button', { name: /Norsk/ }).click();
  await expect(page.getByRole('heading', { name: 'Mine eksamener', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Mine eksamener', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});
