import { expect, test } from '@playwright/test';
import { expectAllSaved, loggedIn, openCommission, pointsField } from './helpers.ts';

test('two examiners grade different questions of one candidate and see each other live', async ({
  browser,
}) => {
  const one = await loggedIn(browser, 'examiner1');
  const two = await loggedIn(browser, 'examiner2');
  await openCommission(one.page, 'K1', '113');
  await openCommission(two.page, 'K1', '113');

  await pointsField(one.page, 'Q3', '113').fill('7');
  await pointsField(one.page, 'Q3', '113').press('Enter');
  await pointsField(two.page, 'Q6', '113').fill('12');
  await pointsField(two.page, 'Q6', '113').press('Enter');

  // Neither reloads: each sees the other's points arrive through the server.
  await expect(pointsField(two.page, 'Q3', '113')).toHaveValue('7');
  await expect(pointsField(one.page, 'Q6', '113')).toHaveValue('12');
  await expectAllSaved(one.page);
  await expectAllSaved(two.page);

  // Presence: each sees the other on the candidate.
  await expect(one.page.getByText('Ingrid Berg').first()).toBeVisible();
  await expect(two.page.getByText('Ola Hansen').first()).toBeVisible();
  await one.context.close();
  await two.context.close();
});
