import { describeReason } from '@cograde/domain';
import { expect, type Page, test } from '@playwright/test';
import {
  canaryOrdinaryCommission,
  canaryPoints,
  gradeOrdinary,
  pickMember,
  pointNeedles,
  Recorder,
  recordedLogin,
  registerAppeal,
  textNeedles,
  token,
  typeText,
} from './appeal-kit.ts';
import { expectAllSaved, expectNoAxeViolations, loggedIn, openCommission, pointsField } from './helpers.ts';

/**
 * R9 in real Chromium: candidate 138 (unmarked, untouched by the other browser tests) moves from K2 to a new ordinary
 * commission of two new examiners, all named with canaries new every run; its ordinary grading is filled
 * through the UI with canaries too; the coordinator registers the appeal; then each
 * appeal examiner browses every screen they can open while every WebSocket frame and HTTP response their
 * browser receives is recorded, and no canary may occur in any byte.
 */
const candidate = '138';
const appealCommission = `inf1010-A-${candidate}`;

const canaries = {
  explanation: token('CanaryExplanation'),
  comment: token('CanaryComment'),
  note1: token('CanaryNoteOne'),
  note2: token('CanaryNoteTwo'),
  reasons: token('CanaryReasons'),
  /** The coordinator's reason for the ordinary commission's R8 sample. */
  sampleReason: token('CanarySampleReason'),
};
const points = canaryPoints();
/** The ordinary examiners, new accounts named per run, and their commission's name. */
const examiners = [
  { userId: token('o'), displayName: `Ingrid ${token('Canary')}`, affiliation: 'internal' },
  { userId: token('o'), displayName: `Tor ${token('Canary')}`, affiliation: 'external' },
] as const;
const commissionName = token('KCanary');
const identities = {
  id1: examiners[0].userId,
  name1: examiners[0].displayName,
  id2: examiners[1].userId,
  name2: examiners[1].displayName,
  commissionName,
};
const needles = [...textNeedles({ ...canaries, ...identities }), ...pointNeedles(points)];

/** Every screen an appeal examiner can reach, and a few they cannot, as a curious one would try. */
const browseEverything = async (
  page: Page,
  recorder: Recorder,
  ownQuestions: readonly string[],
  ordinaryId: string,
) => {
  await page.goto('/#/');
  await expect(
    page.locator(`article[data-commission="${appealCommission}"] [data-purpose="appeal"]`),
  ).toHaveText('Appeal: blind re-grading');
  // The offline download fetches every answer of their commissions.
  const card = page.locator(`article[data-commission="${appealCommission}"]`);
  await card.getByRole('button', { name: /available offline$/ }).click();
  await expect(card.getByText('Available offline', { exact: true })).toBeVisible();
  await openCommission(page, appealCommission, candidate);
  await expect(page.locator(`[data-appeal-record="inf1010-appeal-${candidate}"]`)).toBeVisible();
  await page.getByText('Exam paper and grading guidelines').click();
  await expect(page.locator('[data-materials] table')).toContainText('Q8 Generics and iterators');
  for (const q of ownQuestions) {
    await page.goto(`/#/commission/${appealCommission}?by=question&focus=${q}`);
    await expect(page.locator(`a[data-question="${q}"]`)).toHaveAttribute('aria-current', 'page');
  }
  await page.getByRole('button', { name: /Refused changes \(\d+\)/ }).click();
  await page.keyboard.press('Escape');
  // Their demo appeal commission A1 (candidate 103) too.
  await openCommission(page, 'A1', '103');
  await expect(page.locator('[data-appeal-record="appeal-103"]')).toBeVisible();
  // Their own screens worked without a single refused or failed request.
  expect(recorder.failures(), 'failed requests on their own screens').toEqual([]);
  // Screens that are not theirs: the ordinary commission and the coordinator's exam screens.
  for (const id of [ordinaryId, 'K1', 'K2']) {
    await openCommission(page, id, candidate);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  for (const tab of ['progress', 'appeals', 'audit', 'worklist', 'statistics']) {
    await page.goto(`/#/exam/inf1010/${tab}`);
    await expect(page.getByText('You do not oversee this exam.')).toBeVisible();
  }
  await page.goto('/#/');
  await page.reload();
  await expect(page.locator(`article[data-commission="${appealCommission}"]`)).toBeVisible();
};

test('R9: appeal examiners’ browsers receive nothing of the ordinary grading: every WebSocket frame and HTTP response searched for per-run canaries', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const setup = await loggedIn(browser, 'coordinator');
  const ordinaryId = await canaryOrdinaryCommission(setup.page, 'K2', candidate, commissionName, examiners);
  const sample = await setup.page.request.put(`/api/commissions/${ordinaryId}/second-examiner-sample`, {
    data: { policy: 'all', reason: canaries.sampleReason },
  });
  expect(sample.status(), await sample.text()).toBe(200);
  await setup.context.close();
  const ordinaryGrade = await gradeOrdinary(browser, {
    candidate,
    commissionId: ordinaryId,
    examiners: [examiners[0].userId, examiners[1].userId],
    points,
    ...canaries,
  });

  // The coordinator first tries a commission that breaks R9/R17: every problem is listed, in both languages.
  const coordinator = await loggedIn(browser, 'coordinator');
  const cp = coordinator.page;
  await cp.goto('/#/exam/inf1010/appeals');
  await expect(cp.getByRole('link', { name: 'Appeals' })).toHaveAttribute('aria-current', 'page');
  await cp.getByLabel('Candidate number').fill(candidate);
  await cp.getByLabel('The candidate’s reasons for appealing').fill(`I disagree. ${canaries.reasons}`);
  await pickMember(cp, 1, examiners[0].userId, 'internal');
  await pickMember(cp, 2, 'appeal2', 'internal');
  await cp.getByRole('button', { name: 'Register the appeal' }).click();
  const problems = cp.locator('[data-problems]');
  await expect(problems.locator('[data-problem="noExternal"]')).toHaveText(
    describeReason('noExternal', 'en'),
  );
  await expect(problems.locator('[data-problem="tookPartInOrdinary"]')).toContainText(
    describeReason('tookPartInOrdinary', 'en'),
  );
  await expectNoAxeViolations(cp);
  await cp.getByRole('button', { name: /Norsk bokmål/ }).click();
  await expect(problems.locator('[data-problem="noExternal"]')).toHaveText(
    describeReason('noExternal', 'nb'),
  );
  await expect(problems.locator('[data-problem="tookPartInOrdinary"]')).toContainText(
    describeReason('tookPartInOrdinary', 'nb'),
  );
  await cp.getByRole('button', { name: /English/ }).click();
  await cp.setViewportSize({ width: 820, height: 1180 });
  await expectNoAxeViolations(cp);
  await cp.setViewportSize({ width: 1366, height: 768 });
  await cp.reload();
  await registerAppeal(cp, candidate, `I disagree. ${canaries.reasons}`);
  const row = cp.locator(`tr[data-candidate="${candidate}"]`);
  await expect(row.locator('[data-step="ordinary"]')).toHaveAttribute('data-grade', ordinaryGrade);
  await expect(cp.locator(`tr[data-reasons-of="${candidate}"]`)).toContainText(canaries.reasons);

  // Each appeal examiner in a recorded browser, at laptop and tablet size.
  const recorders: Record<string, Recorder> = {};
  const own = token('AppealOwnExplanation');
  for (const [user, viewport] of [
    ['appeal1', { width: 1366, height: 768 }],
    ['appeal2', { width: 820, height: 1180 }],
  ] as const) {
    const recorder = new Recorder();
    recorders[user] = recorder;
    const { context, page } = await recordedLogin(browser, user, recorder, viewport);
    await openCommission(page, appealCommission, candidate);
    await expect(pointsField(page, 'Q3', candidate)).toBeEditable();
    await expect(page.locator('[data-appeal-context="appeal"]')).toBeVisible();
    await expectNoAxeViolations(page);
    if (user === 'appeal1') {
      // Something of their own that the co-examiner's recording must find: the recording works.
      await typeText(page, 'Explanation of the grade', own);
      await expectAllSaved(page);
    }
    await browseEverything(page, recorder, ['q1', 'q3', 'q6', 'q8'], ordinaryId);
    await expect(page.locator('.alert.error')).toHaveCount(0);
    await context.close();
    await recorder.settled();
  }

  for (const [user, recorder] of Object.entries(recorders)) {
    expect(recorder.frames, `${user} WebSocket frames`).toBeGreaterThan(20);
    expect(recorder.byteCount, `${user} bytes`).toBeGreaterThan(100_000);
    expect(recorder.find(needles), `canaries received by ${user}`).toEqual([]);
  }
  expect(
    recorders.appeal2?.find(textNeedles({ own })).length,
    'own explanation seen by appeal2',
  ).toBeGreaterThan(0);
  await coordinator.context.close();
});
