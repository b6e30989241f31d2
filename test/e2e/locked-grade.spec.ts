import { type APIRequestContext, expect, request, test } from '@playwright/test';
import {
  demoPassword,
  expectAllSaved,
  loggedIn,
  openCommission,
  pointsField,
  syncBadge,
  whenServiceWorkerControls,
} from './helpers.ts';

/** A second device of the same examiner, talking to the REST API only. */
const apiAs = async (baseURL: string, username: string): Promise<APIRequestContext> => {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const login = await api.post('/api/session', { data: { username, password: demoPassword } });
  expect(login.ok()).toBe(true);
  return api;
};

test('R6 a late offline edit to a registered grade is refused, shown, and the locked value stands', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL ?? '';
  const tablet = await loggedIn(browser, 'examiner1', { width: 820, height: 1180 });
  await openCommission(tablet.page, 'K1', '108');
  await whenServiceWorkerControls(tablet.page);
  const field = pointsField(tablet.page, 'Q3', '108');
  await expect(field).toBeEditable();
  const before = await field.inputValue();
  await expectAllSaved(tablet.page);

  await tablet.context.setOffline(true);
  await expect(syncBadge(tablet.page)).toHaveAttribute('data-status', 'offline');
  const late = before === '1' ? '2' : '1';
  await field.fill(late);
  await field.press('Enter');

  // Meanwhile the commission confirms and registers the grade from other devices.
  const one = await apiAs(origin, 'examiner1');
  const two = await apiAs(origin, 'examiner2');
  const path = '/api/commissions/K1/candidates/108';
  for (const api of [one, two]) {
    const confirmed = await api.post(`${path}/confirm`, { data: { grade: 'C' } });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
  }
  const registered = await one.post(`${path}/register`, { data: {} });
  expect(registered.status(), await registered.text()).toBe(200);

  await tablet.context.setOffline(false);
  await expectAllSaved(tablet.page);
  // The locked value stands on the tablet, and the refused edit is kept where the examiner can read it.
  await expect(field).toHaveValue(before);
  await expect(field).not.toBeEditable();
  await tablet.page.getByRole('button', { name: /Refused changes \(\d+\)/ }).click();
  const panel = tablet.page.locator('#refused-panel');
  await expect(panel).toContainText('candidate 108');
  await expect(panel).toContainText('registered and locked');

  // Everyone else sees the registered value, never the refused one.
  const other = await loggedIn(browser, 'examiner2');
  await openCommission(other.page, 'K1', '108');
  await expect(pointsField(other.page, 'Q3', '108')).toHaveValue(before);
  await other.context.close();
  await tablet.context.close();
  await one.dispose();
  await two.dispose();
});
