import { readFile } from 'node:fs/promises';
import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test';
import {
  demoPassword,
  expectAllSaved,
  expectNoAxeViolations,
  loggedIn,
  openCommission,
  pointsField,
} from './helpers.ts';
import { createExamFromFiles, markReadyForGrading } from './setup-helpers.ts';

/**
 * Issue 8, done when: an exam set up from files, two commissions formed in the browser, two examiners
 * grading in their own browsers while the coordinator's dashboard follows live, and the final grades
 * exported after registration. Then the second examiner's sample (R8) and the supervisor's final grades.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });

/** The co-examiner's device, talking to the REST API only. */
const apiAs = async (baseURL: string, username: string): Promise<APIRequestContext> => {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const login = await api.post('/api/session', { data: { username, password: demoPassword } });
  expect(login.ok()).toBe(true);
  return api;
};

/** Fills the commission form: name, members (person, affiliation, first time) and candidates by hand. */
const fillCommission = async (
  page: Page,
  name: string,
  members: ReadonlyArray<[string, 'internal' | 'external', boolean]>,
  candidates: readonly string[],
) => {
  const form = page.locator('form[data-commission-form="new"]');
  await form.getByLabel('Name').fill(name);
  for (const [i, [userId, affiliation, firstTime]] of members.entries()) {
    await form.getByRole('button', { name: 'Add member' }).click();
    await form.getByLabel(`Person (member ${i + 1})`).selectOption(userId);
    await form.getByLabel(`Affiliation (member ${i + 1})`).selectOption(affiliation);
    await form.getByLabel(`First-time examiner (member ${i + 1})`).setChecked(firstTime);
  }
  for (const number of candidates) await form.locator(`[data-candidate-box="${number}"]`).check();
  return form;
};

/** One candidate from points to a registered grade: the examiner in the browser, the co-examiner by REST. */
const gradeAndRegister = async (
  page: Page,
  coExaminer: APIRequestContext,
  commissionId: string,
  candidate: string,
  points: readonly [number, number],
) => {
  await openCommission(page, commissionId, candidate);
  for (const [i, value] of points.entries()) {
    const field = pointsField(page, `Q${i + 1}`, candidate);
    await expect(field).toBeEditable();
    await field.fill(String(value));
    await field.press('Enter');
  }
  await expectAllSaved(page);
  const grade = await page.locator('[data-grade]').first().getAttribute('data-grade');
  expect(grade).toMatch(/^[A-F]$/);
  await page.getByRole('button', { name: `Confirm grade ${grade}` }).click();
  await expect(page.getByText(`You confirmed ${grade}.`)).toBeVisible();
  const confirmed = await coExaminer.post(
    `/api/commissions/${commissionId}/candidates/${candidate}/confirm`,
    {
      data: { grade },
    },
  );
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  await page.getByRole('button', { name: `Register final grade ${grade}` }).click();
  await expect(page.locator(`.locked-note[data-final-grade="${grade}"]`)).toBeVisible();
  return grade as string;
};

test('R14 R17 R15 an exam from files, two commissions formed in the browser, live dashboard while two examiners grade, export', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const coordinator = await loggedIn(browser, 'coordinator');
  const { page } = coordinator;
  const examId = await createExamFromFiles(page, {
    course: 'MAT1100',
    title: 'Calculus',
    questions: ['Q1 Limits', 'Q2 Integrals'],
    candidates: [
      [401, 'Astrid Moe', 's400001'],
      [402, 'Bjørn Lund', 's400002'],
      [403, 'Cecilie Vik', 's400003'],
      [404, 'Daniel Aas', 's400004'],
    ],
    answers: ['401', '402', '403', '404'].flatMap(
      (c): Array<[string, string, string]> => [
        [c, 'q1', `Candidate ${c}: the limit is 1, by l'Hôpital's rule.`],
        [c, 'q2', `Candidate ${c}: integrate by parts twice.`],
      ],
    ),
  });

  // Commission K1 by hand: examiner1 (internal) and examiner2 (external), candidates 401 and 402.
  await page.goto(`/#/exam/${examId}/commissions`);
  await expect(page.getByRole('heading', { name: /^Commissions: / })).toBeVisible();
  await expect(page.locator('[data-unplaced]')).toHaveAttribute('data-unplaced', '4');
  await page.getByRole('button', { name: 'New commission' }).click();
  let form = await fillCommission(
    page,
    'K1',
    [
      ['examiner1', 'internal', false],
      ['examiner2', 'external', false],
    ],
    ['401', '402'],
  );
  await form.getByRole('button', { name: 'Save commission' }).click();
  await expect(page.locator(`[data-commission-admin="${examId}-K1"]`)).toBeVisible();

  // K2: a first-time examiner alone is refused by the server, which lists the problem (R17).
  await page.getByRole('button', { name: 'New commission' }).click();
  form = await fillCommission(page, 'K2', [['examiner3', 'internal', true]], []);
  await expect(form.locator('[data-problems="live"] [data-problem="firstTimeAlone"]')).toBeVisible();
  await shot(page, 'live-commission-refused');
  await form.getByRole('button', { name: 'Save commission' }).click();
  await expect(form.locator('[data-problems="server"] [data-problem="firstTimeAlone"]')).toContainText(
    'A first-time examiner never grades alone',
  );
  await expect(page.locator(`[data-commission-admin="${examId}-K2"]`)).toHaveCount(0);
  // With an experienced external examiner beside them it is saved; "split evenly" fills it.
  await form.getByRole('button', { name: 'Add member' }).click();
  await form.getByLabel('Person (member 2)').selectOption('examiner2');
  await form.getByLabel('Affiliation (member 2)').selectOption('external');
  await form.getByRole('button', { name: 'Save commission' }).click();
  const k2 = page.locator(`[data-commission-admin="${examId}-K2"]`);
  await expect(k2).toContainText('no candidates');
  await page.getByRole('button', { name: 'Split unplaced candidates evenly' }).click();
  await expect(k2).toContainText('403, 404');
  await expect(page.locator('[data-unplaced]')).toHaveAttribute('data-unplaced', '0');
  await expectNoAxeViolations(page);
  await shot(page, 'live-commissions');

  await page.goto(`/#/exam/${examId}/setup`);
  await markReadyForGrading(page);

  // The dashboard: both new commissions, nothing graded yet.
  await page.goto('/#/');
  const card = page.locator(`article[data-oversee="${examId}"]`);
  const row1 = card.locator(`tr[data-commission-progress="${examId}-K1"]`);
  const row2 = card.locator(`tr[data-commission-progress="${examId}-K2"]`);
  await expect(row1).toHaveAttribute('data-total', '2');
  await expect(row2).toHaveAttribute('data-total', '2');
  await expect(row1).toHaveAttribute('data-graded', '0');
  const reloads: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) reloads.push(frame.url());
  });

  // Two examiners, each in their own browser; the co-examiner confirms from another device.
  const one = await loggedIn(browser, 'examiner1');
  const three = await loggedIn(browser, 'examiner3', { width: 820, height: 1180 });
  await expect(one.page.locator(`article[data-commission="${examId}-K1"]`)).toBeVisible();
  await expect(three.page.locator(`article[data-commission="${examId}-K2"]`)).toBeVisible();
  const two = await apiAs(baseURL ?? '', 'examiner2');

  await openCommission(one.page, `${examId}-K1`, '401');
  await pointsField(one.page, 'Q1', '401').fill('8');
  await pointsField(one.page, 'Q1', '401').press('Enter');
  await pointsField(one.page, 'Q2', '401').fill('9');
  await pointsField(one.page, 'Q2', '401').press('Enter');
  // Typing alone moves the coordinator's row: graded 1 of 2, while examiner1 shows as online.
  await expect(row1).toHaveAttribute('data-graded', '1');
  await expect(row1.locator('[data-online="examiner1"]')).toBeVisible();

  const grades: Record<string, string> = {};
  grades['401'] = await gradeAndRegister(one.page, two, `${examId}-K1`, '401', [8, 9]);
  await expect(row1).toHaveAttribute('data-registered', '1');
  grades['403'] = await gradeAndRegister(three.page, two, `${examId}-K2`, '403', [3, 2]);
  await expect(row2).toHaveAttribute('data-registered', '1');
  await shot(page, 'live-dashboard');
  grades['402'] = await gradeAndRegister(one.page, two, `${examId}-K1`, '402', [6, 7]);
  grades['404'] = await gradeAndRegister(three.page, two, `${examId}-K2`, '404', [10, 10]);
  await expect(row1).toHaveAttribute('data-registered', '2');
  await expect(row2).toHaveAttribute('data-registered', '2');
  expect(reloads, 'the dashboard never reloaded').toEqual([]);

  // Every candidate registered: the full export has their final grades and nothing else (R15).
  await page.goto(`/#/exam/${examId}/export`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .csv' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv.trim().split(/\r?\n/)).toEqual([
    'candidate,studentId,grade',
    `401,s400001,${grades['401']}`,
    `402,s400002,${grades['402']}`,
    `403,s400003,${grades['403']}`,
    `404,s400004,${grades['404']}`,
  ]);
  expect(grades['404']).toBe('A');
  expect(grades['403']).toBe('F');

  await two.dispose();
  await one.context.close();
  await three.context.close();
  await coordinator.context.close();
});

test('R8: the second examiner sees the sample and why each paper is in it, in both languages; the coordinator gives all papers; the first examiner flags a difficult one', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const examiner2 = await loggedIn(browser, 'examiner2', { width: 820, height: 1180 });
  await examiner2.page.locator('a[data-sample-link="K1"]').click();
  const panel = examiner2.page.locator('[data-sample="K1"]');
  await expect(panel).toHaveAttribute('data-sample-policy', 'rule');
  await expect(panel.locator('tr[data-paper="106"]')).toHaveAttribute('data-why', 'gradedEorF');
  await expect(panel.locator('tr[data-paper="106"]')).toContainText('Graded E or F');
  await expect(panel.locator('tr[data-paper="101"]')).toHaveAttribute('data-in-sample', 'false');
  await expect(panel.locator('tr[data-why="other"]')).toHaveCount(2);
  await expect(panel.getByText('First examiner: Ola Hansen')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Save the choice' })).toHaveCount(0);
  await expectNoAxeViolations(examiner2.page);
  await examiner2.page.getByRole('button', { name: /Norsk bokmål/ }).click();
  await expect(panel.locator('tr[data-paper="106"]')).toContainText('Vurdert til E eller F');
  await expect(panel.getByText('Førstesensor: Ola Hansen')).toBeVisible();
  await shot(examiner2.page, 'live-sample-examiner-nb');
  await examiner2.page.getByRole('button', { name: /English/ }).click();

  const coordinator = await loggedIn(browser, 'coordinator');
  await coordinator.page.goto('/#/exam/inf1010/commissions');
  await coordinator.page.getByRole('link', { name: 'Second examiner’s sample for K1' }).click();
  const own = coordinator.page.locator('[data-sample="K1"]');
  await coordinator.page.getByLabel('All papers').check();
  await coordinator.page.getByRole('button', { name: 'Save the choice' }).click();
  await expect(own.locator('[data-problem="reasonRequired"]')).toBeVisible();
  await coordinator.page.getByLabel('Reason for this choice').fill('First term with a new syllabus');
  await coordinator.page.getByRole('button', { name: 'Save the choice' }).click();
  await expect(own).toHaveAttribute('data-sample-policy', 'all');
  await expect(own.locator('tr[data-in-sample="false"]')).toHaveCount(0);
  await expectNoAxeViolations(coordinator.page);

  await examiner2.page.reload();
  await expect(panel).toHaveAttribute('data-sample-source', 'commission');
  await expect(panel.locator('tr[data-paper="101"]')).toContainText('The second examiner grades all papers');
  await expect(panel.getByText('Reason: First term with a new syllabus')).toBeVisible();

  // Back to the exam's rule, so other tests see the demo as seeded.
  await coordinator.page.getByLabel('Follow the exam’s setting').check();
  await coordinator.page.getByRole('button', { name: 'Save the choice' }).click();
  await expect(own).toHaveAttribute('data-sample-source', 'exam');

  // The first examiner flags a paper as difficult: it is preferred among the others (R8).
  const examiner1 = await loggedIn(browser, 'examiner1');
  await examiner1.page.goto('/#/sample/K1');
  const first = examiner1.page.locator('[data-sample="K1"]');
  await expect(first.locator('tr[data-paper="109"]')).toHaveAttribute('data-in-sample', 'false');
  await examiner1.page.getByLabel('Difficult to grade (candidate 109)').check();
  await expect(first.locator('tr[data-paper="109"]')).toHaveAttribute('data-why', 'difficult');
  await expect(first.locator('tr[data-why="other"]')).toHaveCount(1);
  await expectNoAxeViolations(examiner1.page);
  await examiner2.page.reload();
  await expect(panel.locator('tr[data-paper="109"]')).toContainText('Flagged as difficult');
  await expect(examiner2.page.getByLabel('Difficult to grade (candidate 109)')).toHaveCount(0);
  await examiner1.page.getByLabel('Difficult to grade (candidate 109)').uncheck();
  await expect(first.locator('tr[data-paper="109"]')).toHaveAttribute('data-in-sample', 'false');
  await examiner1.context.close();
  await examiner2.context.close();
  await coordinator.context.close();
});

test('R15: the grading supervisor sees registered final grades read-only once the coordinator allows it', async ({
  browser,
}) => {
  const supervisor = await loggedIn(browser, 'supervisor');
  await supervisor.page.goto('/#/exam/inf1010/finals');
  await expect(supervisor.page.locator('[data-finals-hidden]')).toBeVisible();

  const coordinator = await loggedIn(browser, 'coordinator');
  await coordinator.page.goto('/#/exam/inf1010/commissions');
  await coordinator.page.getByLabel('The grading supervisor may see the commissions’ final grades').check();
  await coordinator.page.getByRole('button', { name: 'Save settings' }).click();
  await expect(coordinator.page.getByText('Settings saved.')).toBeVisible();

  await supervisor.page.reload();
  const k1 = supervisor.page.locator('[data-finals="K1"]');
  await expect(k1.locator('tr[data-final-candidate="101"]')).toHaveAttribute('data-final', 'A');
  await expect(k1.locator('tr[data-final-candidate="106"]')).toHaveAttribute('data-final', 'F');
  await expect(supervisor.page.locator('input, textarea, select')).toHaveCount(0);
  await expect(supervisor.page.getByText(/Hansen|s1\d{5}/)).toHaveCount(0);
  await shot(supervisor.page, 'live-finals-supervisor');

  await coordinator.page.getByLabel('The grading supervisor may see the commissions’ final grades').uncheck();
  await coordinator.page.getByRole('button', { name: 'Save settings' }).click();
  await expect(coordinator.page.getByText('Settings saved.')).toBeVisible();
  await supervisor.page.reload();
  await expect(supervisor.page.locator('[data-finals-hidden]')).toBeVisible();
  await supervisor.context.close();
  await coordinator.context.close();
});

for (const viewport of [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'tablet', width: 820, height: 1180 },
]) {
  test(`axe finds no WCAG 2.1 AA violations on the commissions, sample and final-grades pages (${viewport.name})`, async ({
    browser,
  }) => {
    // Four pages, two users and five axe runs: on a busy machine this takes longer than the default minute.
    test.setTimeout(120_000);
    const coordinator = await loggedIn(browser, 'coordinator', viewport);
    const { page } = coordinator;
    await page.goto('/#/exam/inf1010/commissions');
    await expect(page.locator('[data-commission-admin="K1"]')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Change K1' }).click();
    await expect(page.locator('form[data-commission-form="K1"]')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/#/sample/K1');
    await expect(page.locator('[data-sample="K1"]')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/#/exam/inf1010/finals');
    await expect(page.locator('[data-finals="K1"]')).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, `live-finals-coordinator-${viewport.name}`);
    const supervisor = await loggedIn(browser, 'supervisor', viewport);
    await supervisor.page.goto('/#/exam/inf1010/finals');
    await expect(supervisor.page.locator('[data-finals-hidden]')).toBeVisible();
    await expectNoAxeViolations(supervisor.page);
    await supervisor.context.close();
    await coordinator.context.close();
  });
}
