import { expect, request, test } from '@playwright/test';
import { demoPassword, loggedIn } from './helpers.ts';

test('an examiner sees a commission formed while their app is open, without reloading', async ({
  browser,
  baseURL,
}) => {
  const examiner = await loggedIn(browser, 'examiner1');
  const origin = baseURL ?? '';
  const coordinator = await request.newContext({ baseURL: origin, extraHTTPHeaders: { Origin: origin } });
  expect(
    (
      await coordinator.post('/api/session', { data: { username: 'coordinator', password: demoPassword } })
    ).ok(),
  ).toBe(true);
  const formed = await coordinator.post('/api/exams/exphil03/commissions', {
    data: {
      name: 'KR',
      members: [
        { userId: 'examiner1', affiliation: 'internal' },
        { userId: 'examiner2', affiliation: 'external' },
      ],
      candidates: [],
    },
  });
  expect(formed.status(), await formed.text()).toBe(201);
  const card = examiner.page.locator('article[data-commission="exphil03-KR"]');
  await expect(card).toHaveCount(0);
  // The window comes back to the front (the examiner switched to it): home asks for its list again.
  await examiner.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(card).toBeVisible();
  await coordinator.dispose();
  await examiner.context.close();
});
