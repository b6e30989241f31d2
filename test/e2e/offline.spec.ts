import { expect, test } from '@playwright/test';
import { expectAllSaved, loggedIn, openCommission, pointsField, syncBadge } from './helpers.ts';

test('offline grading survives a reload and merges with a co-examiner’s edits on reconnect', async ({
  browser,
}) => {
  const one = await loggedIn(browser, 'examiner1');
  const two = await loggedIn(browser, 'examiner2');
  await openCommission(one.page, 'K1', '114');
  await expect(pointsField(one.page, 'Q3', '114')).toBeEditable();
  await expectAllSaved(one.page);
  // Let the service worker take control so the app shell is served offline.
  await one.page.waitForFunction(async () => (await navigator.serviceWorker?.ready) !== undefined);
  await one.page.reload();
  await expectAllSaved(one.page);

  await one.context.setOffline(true);
  await expect(syncBadge(one.page)).toHaveAttribute('data-status', 'offline');
  await pointsField(one.page, 'Q3', '114').fill('4');
  await pointsField(one.page, 'Q3', '114').press('Enter');
  await openCommission(one.page, 'K1', '115');
  await pointsField(one.page, 'Q4', '115').fill('9');
  await pointsField(one.page, 'Q4', '115').press('Enter');
  await expect(syncBadge(one.page)).not.toHaveAttribute('data-unsynced', '0');

  // The app and its data come back from the device while still offline.
  await one.page.reload();
  await expect(pointsField(one.page, 'Q4', '115')).toHaveValue('9');
  await openCommission(one.page, 'K1', '114');
  await expect(pointsField(one.page, 'Q3', '114')).toHaveValue('4');

  // Meanwhile the co-examiner, online, grades another question of the same candidate.
  await openCommission(two.page, 'K1', '114');
  await pointsField(two.page, 'Q7', '114').fill('15');
  await pointsField(two.page, 'Q7', '114').press('Enter');
  await expectAllSaved(two.page);

  await one.context.setOffline(false);
  await expectAllSaved(one.page);
  await expect(pointsField(one.page, 'Q7', '114')).toHaveValue('15');
  await expect(pointsField(two.page, 'Q3', '114')).toHaveValue('4');

  // The server holds both: a third, fresh session sees them.
  const three = await loggedIn(browser, 'examiner2');
  await openCommission(three.page, 'K1', '114');
  await expect(pointsField(three.page, 'Q3', '114')).toHaveValue('4');
  await expect(pointsField(three.page, 'Q7', '114')).toHaveValue('15');
  for (const c of [one, two, three]) await c.context.close();
});
