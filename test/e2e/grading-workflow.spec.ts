import { expect, test } from '@playwright/test';
import {
  expectAllSaved,
  loggedIn,
  openCommission,
  pointsField,
  syncBadge,
  whenServiceWorkerControls,
} from './helpers.ts';

const examiner1Questions = { Q3: '8', Q4: '7', Q5: '11' };
const examiner2Questions = { Q6: '10', Q7: '14', Q8: '15' };

test('R6 one candidate from two examiners’ marks through confirmation and registration to a lock an offline tablet cannot break', async ({
  browser,
}) => {
  const one = await loggedIn(browser, 'examiner1');
  const two = await loggedIn(browser, 'examiner2');
  // examiner1's tablet has the candidate open, then loses the network.
  const tablet = await loggedIn(browser, 'examiner1', { width: 820, height: 1180 });
  for (const { page } of [one, two, tablet]) await openCommission(page, 'K1', '116');
  await whenServiceWorkerControls(tablet.page);
  await expect(pointsField(tablet.page, 'Q3', '116')).toBeEditable();
  await expectAllSaved(tablet.page);
  await tablet.context.setOffline(true);
  await expect(syncBadge(tablet.page)).toHaveAttribute('data-status', 'offline');

  // Each examiner marks their part of the split, at the same time.
  for (const [question, points] of Object.entries(examiner1Questions)) {
    await pointsField(one.page, question, '116').fill(points);
    await pointsField(one.page, question, '116').press('Enter');
  }
  for (const [question, points] of Object.entries(examiner2Questions)) {
    await pointsField(two.page, question, '116').fill(points);
    await pointsField(two.page, question, '116').press('Enter');
  }
  await expectAllSaved(one.page);
  await expectAllSaved(two.page);
  await expect(pointsField(one.page, 'Q8', '116')).toHaveValue('15');
  await expect(pointsField(two.page, 'Q3', '116')).toHaveValue('8');

  // Collaborative confirmation (R5): both confirm the proposed grade, then the grade is registered.
  const confirm = (page: typeof one.page) => page.getByRole('button', { name: /^Confirm grade [A-F]$/ });
  await confirm(one.page).click();
  await expect(one.page.getByText(/You confirmed [A-F]\./)).toBeVisible();
  // The UI names what blocks the registration: the co-examiner who has not confirmed.
  await expect(one.page.locator('[data-blockers="awaitingConfirmations"]')).toHaveText(
    'Waiting for confirmation from Ingrid Berg.',
  );
  await confirm(two.page).click();
  await expect(two.page.getByText(/You confirmed [A-F]\./)).toBeVisible();
  await one.page.getByRole('button', { name: /^Register final grade [A-F]$/ }).click();
  await expect(pointsField(one.page, 'Q3', '116')).not.toBeEditable();
  await expect(pointsField(two.page, 'Q3', '116')).not.toBeEditable();

  // The tablet, still offline, edits the candidate; on reconnecting the edit is refused and kept.
  await pointsField(tablet.page, 'Q3', '116').fill('1');
  await pointsField(tablet.page, 'Q3', '116').press('Enter');
  await tablet.context.setOffline(false);
  await expectAllSaved(tablet.page);
  await expect(pointsField(tablet.page, 'Q3', '116')).toHaveValue('8');
  await expect(pointsField(tablet.page, 'Q3', '116')).not.toBeEditable();
  await tablet.page.getByRole('button', { name: /Refused changes \(\d+\)/ }).click();
  await expect(tablet.page.locator('#refused-panel')).toContainText('candidate 116');
  await expect(pointsField(two.page, 'Q3', '116')).toHaveValue('8');
  for (const c of [one, two, tablet]) await c.context.close();
});
