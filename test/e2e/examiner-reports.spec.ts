import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, loggedIn, openCommission } from './helpers.ts';

/** Examiners report what is not a grade: cheating (R11), their own disqualification (R16), a reopen request (R6). */

const candidateLink = (page: Page, candidate: string) => page.locator(`a[data-candidate="${candidate}"]`);

const openWorklist = async (page: Page) => {
  await page.goto('/#/exam/inf1010/worklist');
  await expect(page.locator('[data-worklist-count]')).toBeVisible();
};

test('R11 an examiner flags suspected cheating with a reason: the co-examiner sees the hold, the coordinator the worklist item', async ({
  browser,
}) => {
  const examiner = await loggedIn(browser, 'examiner3');
  const coExaminer = await loggedIn(browser, 'examiner2');
  await openCommission(examiner.page, 'K2', '131');
  await openCommission(coExaminer.page, 'K2', '131');
  const panel = examiner.page.locator('article[data-candidate="131"]');
  await panel.getByText('Report suspected cheating').click();
  await expectNoAxeViolations(examiner.page);
  await panel.getByRole('button', { name: 'Report to the coordinator' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Write a reason first.');
  await panel.getByLabel('Why do you suspect cheating?').fill('Same unusual wording as candidate 129 in Q6');
  await panel.getByRole('button', { name: 'Report to the coordinator' }).click();
  await expect(panel.locator('[data-report-done]')).toContainText('The coordinator has been told');
  await expect(panel.getByText('Flagged: suspected cheating')).toBeVisible();
  // The hold reaches the co-examiner live; the reasons do not (they go to the coordinator only).
  const coPanel = coExaminer.page.locator('article[data-candidate="131"]');
  await expect(coPanel.getByText('Flagged: suspected cheating')).toBeVisible();
  await expect(coExaminer.page.getByText('Same unusual wording')).toHaveCount(0);

  const coordinator = await loggedIn(browser, 'coordinator');
  await openWorklist(coordinator.page);
  await expect(coordinator.page.locator('li[data-worklist="flag"][data-candidate="131"]')).toContainText(
    'Same unusual wording as candidate 129',
  );
  for (const session of [examiner, coExaminer, coordinator]) await session.context.close();
});

test('R16 an examiner who declares themselves disqualified no longer sees the candidate; the coordinator is told', async ({
  browser,
}) => {
  const tablet = await loggedIn(browser, 'examiner3', { width: 820, height: 1180 });
  await openCommission(tablet.page, 'K2', '132');
  const panel = tablet.page.locator('article[data-candidate="132"]');
  await panel.getByText('I am disqualified for this candidate').click();
  await expectNoAxeViolations(tablet.page);
  await panel
    .getByLabel('Reason (optional, only the coordinator reads it)')
    .fill('The candidate is my nephew');
  await panel.getByRole('button', { name: 'Declare myself disqualified' }).click();
  await expect(tablet.page.locator('[data-notice]')).toHaveText(
    'You are disqualified for candidate 132; it is no longer in your list.',
  );
  await expect(candidateLink(tablet.page, '132')).toHaveCount(0);
  await expect(tablet.page.locator('article[data-candidate="132"]')).toHaveCount(0);
  // Asked for by address, the candidate is not shown either: the view falls back to the first one.
  await openCommission(tablet.page, 'K2', '132');
  await expect(tablet.page.locator('article[data-candidate]')).not.toHaveAttribute('data-candidate', '132');

  // The co-examiner still grades the candidate.
  const coExaminer = await loggedIn(browser, 'examiner2');
  await openCommission(coExaminer.page, 'K2', '132');
  await expect(coExaminer.page.locator('article[data-candidate="132"]')).toBeVisible();

  const coordinator = await loggedIn(browser, 'coordinator');
  await openWorklist(coordinator.page);
  await expect(
    coordinator.page.locator('li[data-worklist="disqualification"][data-candidate="132"]'),
  ).toBeVisible();
  for (const session of [tablet, coExaminer, coordinator]) await session.context.close();
});

test('R6 an examiner asks the coordinator, with a reason, to reopen a registered grade', async ({
  browser,
}) => {
  const examiner = await loggedIn(browser, 'examiner1');
  await openCommission(examiner.page, 'K1', '105');
  const panel = examiner.page.locator('article[data-candidate="105"]');
  await expect(panel.getByText('Locked', { exact: true })).toBeVisible();
  // A registered grade can be neither flagged nor left: only a reopen request is offered.
  await expect(panel.locator('details[data-report]')).toHaveCount(1);
  await panel.getByText('Ask the coordinator to reopen this grade').click();
  await panel.getByLabel('Why should the grade be reopened?').fill('Q7 was marked against the old key');
  await panel.getByRole('button', { name: 'Send the request' }).click();
  await expect(panel.locator('[data-report-done]')).toHaveText(
    'Your request has been sent to the coordinator.',
  );
  await expectNoAxeViolations(examiner.page);

  const coordinator = await loggedIn(browser, 'coordinator');
  await openWorklist(coordinator.page);
  await expect(coordinator.page.locator('li[data-worklist="reopen"][data-candidate="105"]')).toContainText(
    'Q7 was marked against the old key',
  );
  for (const session of [examiner, coordinator]) await session.context.close();
});
