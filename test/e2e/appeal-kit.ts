import { randomBytes, randomInt } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { demoPassword, expectAllSaved, loggedIn, openCommission, pointsField } from './helpers.ts';

/**
 * Shared by the appeal browser tests (R9, R10): canaries new every run, a recorder of every byte a browser
 * receives, and the steps of an appeal done through the real UI.
 */
export const manualQuestions = ['Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8'] as const;

export const token = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;
/** Six decimals drawn per run: float64 in the Yjs updates, this exact text in JSON. */
export const canaryPoints = (maxWhole = 8) =>
  manualQuestions.map(() => `${randomInt(1, maxWhole + 1)}.${randomInt(100_000, 999_999)}`);

export type Needle = { label: string; bytes: Uint8Array };
const encode = (s: string) => new TextEncoder().encode(s);
const float64 = (value: number, littleEndian: boolean) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, littleEndian);
  return bytes;
};
export const textNeedles = (texts: Record<string, string>): Needle[] =>
  Object.entries(texts).map(([label, value]) => ({ label, bytes: encode(value) }));
export const pointNeedles = (points: readonly string[]): Needle[] =>
  points.flatMap((p) => [
    { label: `points ${p}`, bytes: encode(p) },
    { label: `points ${p} (float64 BE)`, bytes: float64(Number(p), false) },
    { label: `points ${p} (float64 LE)`, bytes: float64(Number(p), true) },
  ]);

/**
 * Every byte one browser receives: each WebSocket frame (binary payloads as bytes) and each HTTP response
 * (status, headers and body). Service workers are blocked in these contexts, so that every request the
 * app makes is the page's own and shows up here.
 */
export class Recorder {
  readonly chunks: Array<{ where: string; bytes: Uint8Array }> = [];
  /** Every HTTP response's status, to tell a screen that works from one that only shows nothing. */
  readonly statuses: Array<{ url: string; status: number }> = [];
  frames = 0;
  #pending: Promise<unknown>[] = [];

  attach(page: Page, who: string) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        this.frames += 1;
        this.keep(`${who} ws ${ws.url()}`, typeof payload === 'string' ? encode(payload) : payload);
      });
    });
    page.on('response', (response) => {
      const where = `${who} ${response.request().method()} ${response.url()} ${response.status()}`;
      this.statuses.push({ url: response.url(), status: response.status() });
      this.#pending.push(
        (async () => {
          // Raw headers need the page; a response that arrives as the test closes it keeps the parsed ones.
          const headers = await response.allHeaders().catch(() => response.headers());
          this.keep(`${where} headers`, encode(JSON.stringify(headers)));
          const body = await response.body().catch(() => null);
          if (body !== null) this.keep(where, body);
        })(),
      );
    });
  }

  /** Failed responses from the `from`-th on, but the session check before logging in. */
  failures(from = 0): string[] {
    return this.statuses
      .slice(from)
      .filter((s) => s.status >= 400 && !(s.status === 401 && s.url.endsWith('/api/me')))
      .map((s) => `${s.status} ${s.url}`);
  }

  keep(where: string, bytes: Uint8Array) {
    this.chunks.push({ where, bytes });
  }

  /** Waits for response bodies still being read. */
  async settled() {
    await Promise.all(this.#pending);
  }

  /** Which needles occur where, from the `from`-th chunk on. */
  find(needles: readonly Needle[], from = 0): string[] {
    const hits: string[] = [];
    for (const chunk of this.chunks.slice(from)) {
      const hay = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
      for (const needle of needles)
        if (hay.indexOf(needle.bytes) !== -1) hits.push(`${needle.label} in ${chunk.where}`);
    }
    return hits;
  }

  get byteCount() {
    return this.chunks.reduce((n, c) => n + c.bytes.byteLength, 0);
  }
}

/** A logged-in browser whose every received byte is recorded. */
export const recordedLogin = async (
  browser: Browser,
  username: string,
  recorder: Recorder,
  viewport = { width: 1366, height: 768 },
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  recorder.attach(page, username);
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My exams', level: 1 })).toBeVisible();
  return { context, page };
};

export const typePoints = async (page: Page, candidate: string, points: readonly string[]) => {
  for (const [i, question] of manualQuestions.entries()) {
    const field = pointsField(page, question, candidate);
    await field.fill(points[i] ?? '');
    await field.press('Enter');
  }
};

export const typeText = async (page: Page, label: string, text: string) => {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await field.fill(text);
  await field.blur();
};

/** The proposed grade the totals bar shows once every question has points. */
export const proposedGrade = async (page: Page) => {
  const grade = page.locator('[data-grade]').first();
  await expect(grade).toHaveAttribute('data-grade', /^[A-F]$/);
  return (await grade.getAttribute('data-grade')) ?? '';
};

/** Both members confirm the proposed grade through the decision panel, then the first registers it. */
export const confirmAndRegister = async (first: Page, second: Page, grade: string) => {
  for (const page of [first, second]) {
    await page.getByRole('button', { name: `Confirm grade ${grade}`, exact: true }).click();
    await expect(page.getByText(`You confirmed ${grade}.`)).toBeVisible();
  }
  await first.getByRole('button', { name: `Register final grade ${grade}`, exact: true }).click();
  await expect(first.locator(`.locked-note[data-final-grade="${grade}"]`)).toBeVisible();
};

export type OrdinaryGrading = {
  candidate: string;
  /** The ordinary commission and its two examiners (K1: examiner1, examiner2). */
  commissionId?: string;
  examiners?: readonly [string, string];
  points: readonly string[];
  explanation: string;
  comment: string;
  note1: string;
  note2: string;
};

/** The ordinary grading of a candidate by the commission's two examiners in their browsers; returns the grade. */
export const gradeOrdinary = async (browser: Browser, g: OrdinaryGrading): Promise<string> => {
  const [first, second] = g.examiners ?? ['examiner1', 'examiner2'];
  const commissionId = g.commissionId ?? 'K1';
  const one = await loggedIn(browser, first);
  const two = await loggedIn(browser, second);
  await openCommission(one.page, commissionId, g.candidate);
  await openCommission(two.page, commissionId, g.candidate);
  await typePoints(one.page, g.candidate, g.points);
  await typeText(one.page, 'Explanation of the grade', g.explanation);
  await typeText(one.page, 'Comment to the candidate', g.comment);
  await typeText(one.page, 'Private notes (only you can read these)', g.note1);
  await typeText(two.page, 'Private notes (only you can read these)', g.note2);
  await expectAllSaved(one.page);
  await expectAllSaved(two.page);
  const grade = await proposedGrade(one.page);
  await expect(two.page.locator('[data-grade]').first()).toHaveAttribute('data-grade', grade);
  await confirmAndRegister(one.page, two.page, grade);
  await one.context.close();
  await two.context.close();
  return grade;
};

/** Picks a member and their affiliation in the coordinator's member picker. */
export const pickMember = async (
  page: Page | Locator,
  n: number,
  userId: string,
  affiliation: 'internal' | 'external',
) => {
  await page.getByLabel(`Member ${n}`, { exact: true }).selectOption(userId);
  await page.getByLabel(`Affiliation of member ${n}`).selectOption(affiliation);
};

/** The coordinator registers the appeal on the Appeals tab with appeal1 (external) and appeal2 (internal). */
export const registerAppeal = async (page: Page, candidate: string, reasons: string) => {
  await page.goto('/#/exam/inf1010/appeals');
  await page.getByLabel('Candidate number').fill(candidate);
  await page.getByLabel('The candidate’s reasons for appealing').fill(reasons);
  await pickMember(page, 1, 'appeal1', 'external');
  await pickMember(page, 2, 'appeal2', 'internal');
  await page.getByRole('button', { name: 'Register the appeal' }).click();
  await expect(page.locator(`[data-registered="inf1010-appeal-${candidate}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-candidate="${candidate}"]`)).toHaveAttribute('data-status', 'grading');
};

export type CanaryExaminer = { userId: string; displayName: string; affiliation: 'internal' | 'external' };

/**
 * Moves an untouched candidate out of its ordinary commission into a new one of two new examiner accounts,
 * all named with canaries, through the coordinator's REST calls (people, commissions). Returns its id.
 */
export const canaryOrdinaryCommission = async (
  coordinator: Page,
  from: string,
  candidate: string,
  name: string,
  examiners: readonly CanaryExaminer[],
): Promise<string> => {
  const request = coordinator.request;
  for (const e of examiners) {
    const res = await request.post('/api/people', {
      data: { login: 'password', username: e.userId, displayName: e.displayName, password: demoPassword },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const overview = (await (await request.get('/api/exams/inf1010/commissions')).json()) as {
    commissions: Array<{
      id: string;
      name: string;
      candidates: string[];
      members: Array<{ userId: string; affiliation: string; firstTime: boolean }>;
    }>;
  };
  const source = overview.commissions.find((c) => c.id === from);
  if (source === undefined) throw new Error(`no commission ${from}`);
  const moved = await request.put(`/api/commissions/${from}`, {
    data: {
      name: source.name,
      members: source.members.map(({ userId, affiliation, firstTime }) => ({
        userId,
        affiliation,
        firstTime,
      })),
      candidates: source.candidates.filter((c) => c !== candidate),
    },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const formed = await request.post('/api/exams/inf1010/commissions', {
    data: {
      name,
      members: examiners.map(({ userId, affiliation }) => ({ userId, affiliation })),
      candidates: [candidate],
    },
  });
  expect(formed.status(), await formed.text()).toBe(201);
  return ((await formed.json()) as { id: string }).id;
};

/**
 * The appeals list is read over REST and the server settles an appeal in steps (status, then the audit
 * event its grades are read from): refresh until `check` holds.
 */
export const refreshUntil = (page: Page, check: () => Promise<void>) =>
  expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await check();
  }).toPass({ timeout: 20_000 });
