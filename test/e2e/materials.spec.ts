import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, loggedIn, openCommission } from './helpers.ts';

test('R9 the coordinator gives grading guidelines during grading: examiners see them live, appeal examiners too', async ({
  browser,
}) => {
  const examiner = await loggedIn(browser, 'examiner2', { width: 820, height: 1180 });
  await openCommission(examiner.page, 'K2', '125');
  const materials = examiner.page.locator('details[data-materials]');
  await materials.getByText('Grading guidelines and course materials').click();
  await expect(materials.locator('[data-material="guidelines"]')).toContainText(
    'Q1–Q2 are scored from the answer key.',
  );

  const { context, page } = await loggedIn(browser, 'coordinator');
  await page.goto('/#/exam/inf1010/setup');
  const card = page.locator('[data-setup="materials"]');
  const guidelines = card.getByLabel('Grading guidelines');
  await expect(guidelines).toHaveValue(/Q1–Q2 are scored from the answer key\./);
  await guidelines.fill(
    `${await guidelines.inputValue()}\nQ4: an interface without a use in the answer earns at most half.`,
  );
  await card.getByRole('button', { name: 'Save the materials' }).click();
  await expect(card.locator('[data-materials-saved]')).toBeVisible();
  await expectNoAxeViolations(page);

  // The exam document carries them: the examiner's open screen follows without a reload.
  await expect(materials.locator('[data-material="guidelines"]')).toContainText(
    'Q4: an interface without a use in the answer earns at most half.',
  );
  await expect(materials.locator('[data-material="syllabus"]')).toContainText('Core Java');
  await expectNoAxeViolations(examiner.page);

  const appeal = await loggedIn(browser, 'appeal1');
  await openCommission(appeal.page, 'A1');
  const appealMaterials = appeal.page.locator('[data-appeal-context] details[data-materials]');
  await appealMaterials.locator('summary').click();
  await expect(appealMaterials.locator('[data-material="guidelines"]')).toContainText('Q4: an interface');
  await expect(appealMaterials.locator('[data-material="courseDescription"]')).toContainText('INF1010');
  for (const session of [examiner, appeal]) await session.context.close();
  await context.close();
});
