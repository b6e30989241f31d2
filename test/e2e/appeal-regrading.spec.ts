import { expect, type Page, test } from '@playwright/test';
import {
  canaryPoints,
  gradeOrdinary,
  pointNeedles,
  proposedGrade,
  Recorder,
  recordedLogin,
  refreshUntil,
  registerAppeal,
  textNeedles,
  token,
  typePoints,
  typeText,
} from './appeal-kit.ts';
import { expectAllSaved, expectNoAxeViolations, loggedIn, openCommission } from './helpers.ts';

/**
 * Issue 7 done: the appeal of candidate 119 (K1, untouched by the other browser tests) from its
 * registration in the browser, through the blind re-grading by both appeal examiners (every byte their
 * browsers receive searched for the ordinary grading's canaries), to the third grading that a gap of two
 * or more steps opens (R10, with both explanations), and a locked final grade.
 */
const candidate = '119';
const appealCommission = `inf1010-A-${candidate}`;
const thirdCommission = `inf1010-T-${candidate}`;

const canaries = {
  explanation: token('CanaryExplanation'),
  comment: token('CanaryComment'),
  note1: token('CanaryNoteOne'),
  note2: token('CanaryNoteTwo'),
  reasons: token('CanaryReasons'),
};
const identities = { name1: 'Ola Hansen', name2: 'Ingrid Berg', id1: 'examiner1', id2: 'examiner2' };
// Low ordinary points (at most 18 of 90 manual points): an F, far from the appeal's A.
const points = canaryPoints(2);
const needles = [...textNeedles({ ...canaries, ...identities }), ...pointNeedles(points)];
/** R10: the appeal examiner in the third grading receives the ordinary explanation and who gave it. */
const { explanation: _explanation, ...notForThird } = canaries;
const { name1: _name1, id1: _id1, ...otherIdentities } = identities;
const thirdNeedles = [...textNeedles({ ...notForThird, ...otherIdentities }), ...pointNeedles(points)];

const appealPoints = ['10', '10', '15', '15', '20', '20'];
const thirdPoints = ['8', '8', '12', '12', '16', '16'];

const confirm = async (page: Page, grade: string) => {
  await page.getByRole('button', { name: `Confirm grade ${grade}`, exact: true }).click();
  await expect(page.getByText(`You confirmed ${grade}.`)).toBeVisible();
};

test('R10: an appeal from registration in the browser through blind re-grading by both appeal examiners to a third grading on a two-step gap and a locked final grade', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ordinaryGrade = await gradeOrdinary(browser, { candidate, points, ...canaries });
  expect(ordinaryGrade).toMatch(/^[EF]$/);

  const coordinator = await loggedIn(browser, 'coordinator');
  await registerAppeal(coordinator.page, candidate, `The grade is too low. ${canaries.reasons}`);

  // Blind re-grading: appeal1 marks, both confirm A, appeal2 registers. Every byte is recorded.
  const r1 = new Recorder();
  const r2 = new Recorder();
  const a1 = await recordedLogin(browser, 'appeal1', r1);
  const a2 = await recordedLogin(browser, 'appeal2', r2, { width: 820, height: 1180 });
  for (const { page } of [a1, a2]) await openCommission(page, appealCommission, candidate);
  const appealExplanation = token('AppealExplanation');
  await typePoints(a1.page, candidate, appealPoints);
  await typeText(a1.page, 'Explanation of the grade', appealExplanation);
  await expectAllSaved(a1.page);
  const appealGrade = await proposedGrade(a2.page);
  expect(appealGrade).toBe('A');
  await confirm(a1.page, 'A');
  await confirm(a2.page, 'A');
  await a2.page.getByRole('button', { name: 'Register final grade A', exact: true }).click();
  await expect(a1.page.locator('.locked-note[data-final-grade="A"]')).toBeVisible();
  await r1.settled();
  await r2.settled();
  expect(r1.find(needles), 'canaries received by appeal1 while re-grading').toEqual([]);
  expect(r2.find(needles), 'canaries received by appeal2 while re-grading').toEqual([]);
  expect(
    r2.find(textNeedles({ appealExplanation })).length,
    'the recording sees the documents',
  ).toBeGreaterThan(0);
  const beforeThird = r1.chunks.length;

  // The gap (F or E → A) opened the third grading: examiner1 (the ordinary examiner) and appeal1 (uio policy).
  await expect(coordinator.page.locator(`tr[data-candidate="${candidate}"]`)).toHaveAttribute(
    'data-status',
    'grading',
  );
  const row = coordinator.page.locator(`tr[data-candidate="${candidate}"]`);
  const quick = { timeout: 2_000 };
  await refreshUntil(coordinator.page, async () => {
    await expect(row).toHaveAttribute('data-status', 'thirdGrading', quick);
    await expect(row.locator('[data-step="appeal"]')).toHaveAttribute('data-grade', 'A', quick);
    await expect(row).toContainText(`Third: ${thirdCommission}`, quick);
  });

  const e1 = await loggedIn(browser, 'examiner1');
  await a1.page.goto('/#/');
  await a1.page.reload();
  for (const page of [e1.page, a1.page]) {
    await expect(
      page.locator(`article[data-commission="${thirdCommission}"] [data-purpose="third"]`),
    ).toHaveText('Third grading');
    await openCommission(page, thirdCommission, candidate);
    await expect(page.locator('[data-context="ordinaryExplanation"]')).toContainText(canaries.explanation);
    await expect(page.locator('[data-context="appealExplanation"]')).toContainText(appealExplanation);
  }
  await expectNoAxeViolations(e1.page);
  await e1.page.screenshot({ path: '/tmp/shots/third-grading-laptop.png' });
  await a1.page.setViewportSize({ width: 820, height: 1180 });
  await expectNoAxeViolations(a1.page);
  await a1.page.screenshot({ path: '/tmp/shots/third-grading-tablet.png' });
  await typePoints(e1.page, candidate, thirdPoints);
  await expectAllSaved(e1.page);
  const thirdGrade = await proposedGrade(a1.page);
  await confirm(e1.page, thirdGrade);
  await confirm(a1.page, thirdGrade);
  await e1.page.getByRole('button', { name: `Register final grade ${thirdGrade}`, exact: true }).click();
  await expect(a1.page.locator(`.locked-note[data-final-grade="${thirdGrade}"]`)).toBeVisible();

  // The final grade is the third grading's, locked in the ordinary commission.
  await refreshUntil(coordinator.page, async () => {
    await expect(row).toHaveAttribute('data-status', 'decided', quick);
    await expect(row.locator('[data-step="ordinary"]')).toHaveAttribute('data-grade', ordinaryGrade, quick);
    await expect(row.locator('[data-step="third"]')).toHaveAttribute('data-grade', thirdGrade, quick);
    await expect(row.locator('[data-step="final"]')).toHaveAttribute('data-grade', thirdGrade, quick);
  });
  await coordinator.page.screenshot({ path: '/tmp/shots/appeals-decided.png', fullPage: true });
  await openCommission(coordinator.page, 'K1', candidate);
  await expect(coordinator.page.locator(`.locked-note[data-final-grade="${thirdGrade}"]`)).toBeVisible();

  // appeal2, outside the third grading, browses again: still nothing of the ordinary grading.
  await a2.page.goto('/#/');
  await a2.page.reload();
  await expect(a2.page.locator(`article[data-commission="${appealCommission}"]`)).toBeVisible();
  await expect(a2.page.locator(`article[data-commission="${thirdCommission}"]`)).toHaveCount(0);
  await openCommission(a2.page, appealCommission, candidate);
  await expect(a2.page.locator('.locked-note[data-final-grade="A"]')).toBeVisible();
  await expect(a2.page.locator('[data-appeal-context="appeal"]')).toBeVisible();
  await r1.settled();
  await r2.settled();
  for (const c of [a1, a2, e1, coordinator]) await c.context.close();
  await r1.settled();
  await r2.settled();
  expect(r2.find(needles), 'canaries received by appeal2').toEqual([]);
  expect(r1.find(thirdNeedles, beforeThird), 'beyond R10, canaries received by appeal1').toEqual([]);
  expect(r1.find(textNeedles({ explanation: canaries.explanation }), beforeThird).length).toBeGreaterThan(0);
});
