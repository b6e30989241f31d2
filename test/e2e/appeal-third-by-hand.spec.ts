import { expect, type Page, test } from '@playwright/test';
import {
  gradeOrdinary,
  pickMember,
  proposedGrade,
  refreshUntil,
  token,
  typePoints,
  typeText,
} from './appeal-kit.ts';
import { expectAllSaved, expectNoAxeViolations, loggedIn, openCommission } from './helpers.ts';

/**
 * R10 by hand: on an exam whose policy is `nhh` (the internal examiners of both commissions), an appeal
 * commission of two externals leaves the policy nothing to form the third grading from. The appeal waits,
 * and the coordinator forms the third grading on the Appeals tab. The exam is a copy of INF1010 made
 * through the setup API, so that no other browser test's exam changes.
 */
const candidate = '501';

const ok = async (response: Awaited<ReturnType<Page['request']['post']>>) => {
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
};
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A copy of INF1010 with policy `nhh`, one candidate with answers, commission O (examiner1, examiner2). */
const nhhExam = async (page: Page): Promise<string> => {
  const request = page.request;
  const { exam } = (await ok(await request.get('/api/exams/inf1010/setup'))) as {
    exam: Record<string, unknown> & { policies: Record<string, unknown> };
  };
  const created = (await ok(
    await request.post('/api/exams', {
      data: {
        course: token('NHH').slice(0, 12).toUpperCase(),
        title: 'Appeals by hand',
        term: exam.term,
        date: exam.date,
        kind: exam.kind,
        questions: exam.questions,
        scale: exam.scale,
        policies: { ...exam.policies, thirdGradingCommission: 'nhh' },
      },
    }),
  )) as { exam: { id: string } };
  const examId = created.exam.id;
  const path = (rest: string) => `/api/exams/${examId}/${rest}`;
  await ok(
    await request.post(path('candidate-imports'), {
      data: {
        fileName: 'candidates.csv',
        format: 'csv',
        content: base64(`candidate,name,student id\n${candidate},Kari Test,s900501\n`),
        accept: true,
      },
    }),
  );
  const texts = ['A', 'B', ...Array.from({ length: 6 }, (_, i) => `An answer to question ${i + 3}.`)];
  await ok(
    await request.post(path('answer-imports'), {
      data: {
        fileName: 'answers.csv',
        format: 'csv',
        content: base64(
          ['candidate,question,text', ...texts.map((t, i) => `${candidate},q${i + 1},"${t}"`)].join('\n'),
        ),
        accept: true,
      },
    }),
  );
  await ok(
    await request.post(path('commissions'), {
      data: {
        name: 'O',
        members: [
          { userId: 'examiner1', affiliation: 'internal' },
          { userId: 'examiner2', affiliation: 'external' },
        ],
        candidates: [candidate],
      },
    }),
  );
  await ok(await request.post(path('ready'), { data: {} }));
  return examId;
};

test('R10: when the exam policy cannot form the third grading, the coordinator forms it by hand on the Appeals tab', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const setup = await loggedIn(browser, 'coordinator');
  const examId = await nhhExam(setup.page);
  await setup.context.close();
  const ordinaryGrade = await gradeOrdinary(browser, {
    candidate,
    commissionId: `${examId}-O`,
    points: ['1', '1', '1', '1', '1', '1'],
    explanation: token('Explanation'),
    comment: token('Comment'),
    note1: token('Note'),
    note2: token('Note'),
  });
  expect(ordinaryGrade).toBe('F');

  // Two externals: R9 allows it, and under `nhh` the appeal commission has no internal examiner to give.
  const coordinator = await loggedIn(browser, 'coordinator');
  const cp = coordinator.page;
  await cp.goto(`/#/exam/${examId}/appeals`);
  await cp.getByLabel('Candidate number').fill(candidate);
  await cp.getByLabel('The candidate’s reasons for appealing').fill('Too low.');
  await pickMember(cp, 1, 'appeal1', 'external');
  await pickMember(cp, 2, 'appeal2', 'external');
  await cp.getByRole('button', { name: 'Register the appeal' }).click();
  await expect(cp.locator(`[data-registered="${examId}-appeal-${candidate}"]`)).toBeVisible();

  const appealCommission = `${examId}-A-${candidate}`;
  const a1 = await loggedIn(browser, 'appeal1');
  const a2 = await loggedIn(browser, 'appeal2');
  for (const { page } of [a1, a2]) await openCommission(page, appealCommission, candidate);
  await typePoints(a1.page, candidate, ['10', '10', '15', '15', '20', '20']);
  await typeText(a1.page, 'Explanation of the grade', 'Full marks.');
  await expectAllSaved(a1.page);
  expect(await proposedGrade(a2.page)).toBe('A');
  for (const { page } of [a1, a2]) {
    await page.getByRole('button', { name: 'Confirm grade A', exact: true }).click();
    await expect(page.getByText('You confirmed A.')).toBeVisible();
  }
  await a1.page.getByRole('button', { name: 'Register final grade A', exact: true }).click();
  await expect(a1.page.locator('.locked-note[data-final-grade="A"]')).toBeVisible();

  // The appeal waits for a third grading nobody could form; the form for it appears.
  const row = cp.locator(`tr[data-candidate="${candidate}"]`);
  await refreshUntil(cp, async () => {
    await expect(row).toHaveAttribute('data-status', 'thirdGrading', { timeout: 2_000 });
    await expect(row.locator('[data-step="appeal"]')).toHaveAttribute('data-grade', 'A', { timeout: 2_000 });
  });
  const form = cp.locator(`form[data-third-form="${candidate}"]`);
  await expect(form).toBeVisible();
  await expectNoAxeViolations(cp);
  await cp.setViewportSize({ width: 820, height: 1180 });
  await expectNoAxeViolations(cp);
  await cp.screenshot({ path: '/tmp/shots/third-by-hand-tablet.png', fullPage: true });
  await cp.setViewportSize({ width: 1366, height: 768 });
  await pickMember(form, 1, 'examiner1', 'internal');
  await pickMember(form, 2, 'appeal1', 'external');
  await form.getByRole('button', { name: `Form the third grading for candidate ${candidate}` }).click();
  const third = `${examId}-T-${candidate}`;
  await expect(cp.locator(`[data-third-formed="${third}"]`)).toBeVisible();
  await expect(row).toContainText(`Third: ${third}`);
  await expect(form).toHaveCount(0);

  // The members find it on their home, with both explanations.
  const e1 = await loggedIn(browser, 'examiner1');
  await expect(e1.page.locator(`article[data-commission="${third}"] [data-purpose="third"]`)).toBeVisible();
  await openCommission(e1.page, third, candidate);
  await expect(e1.page.locator('[data-context="appealExplanation"]')).toContainText('Full marks.');
  for (const c of [coordinator, a1, a2, e1]) await c.context.close();
});
