/**
 * 6. Web: the initial JavaScript of the built app (gzip), and a cold offline start in Chromium: a new
 * browser process on a profile that has the app (service worker) and K1 (IndexedDB), offline, until
 * the first points field of the grading screen can be typed into.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { login, type RunningServer, repoRoot } from './servers.ts';
import { figure } from './stats.ts';

const dist = join(repoRoot, 'apps', 'web', 'dist');

export const buildWeb = () => {
  execFileSync('npm', ['run', 'build', '-w', '@cograde/web'], { cwd: repoRoot, stdio: 'pipe' });
};

/** The entry script and everything it imports statically (lazy `import()` chunks are not initial). */
export const initialJs = () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // Every script the page loads from a file: a module entry, or a classic one (`<script defer src>`).
  const entries = [...html.matchAll(/<script\b[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1]!);
  entries.push(
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!),
  );
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(dist, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const m of source.matchAll(
      /(?:^|[;}\n])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g,
    ))
      visit(dir + m[1]);
  };
  for (const e of entries) visit(e);
  const files = [...seen].map((file) => {
    const raw = readFileSync(join(dist, file));
    return { file, bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
  });
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipKb: Math.round((files.reduce((n, f) => n + f.gzipBytes, 0) / 1024) * 10) / 10,
  };
};

const browserArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * In the page: the time since navigation start at which a points field that accepts input is on the
 * screen: the first frame painted after the field is ready (a `setTimeout` queued in the next
 * `requestAnimationFrame` runs once that frame is painted). Before 2026-11-24 (session 5) the time the
 * field became ready in the DOM was taken; once the app drew the whole grading screen in its first task,
 * that came before any paint (the run of `48c4e3d` read no first-contentful-paint by then). A string, so
 * tsx's helpers (`__name`) never reach the page.
 */
const gradeableAt = `new Promise((resolve) => {
  const ready = () =>
    [...document.querySelectorAll('input')].some(
      (i) => !i.disabled && !i.readOnly && [...(i.labels ?? [])].some((l) => (l.textContent ?? '').startsWith('Points for')),
    );
  const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  if (ready()) return painted();
  const observer = new MutationObserver(() => {
    if (ready()) {
      observer.disconnect();
      painted();
    }
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
})`;

/** Where the offline start's time went: the navigation's phases and when the scripts had arrived. */
const phasesScript = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
  const paint = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  return {
    workerStart: n.workerStart,
    htmlResponseEnd: n.responseEnd,
    lastScriptResponseEnd: Math.max(0, ...scripts.map((e) => e.responseEnd)),
    domContentLoaded: n.domContentLoadedEventEnd,
    firstContentfulPaint: paint ? paint.startTime : -1,
    loadEventEnd: n.loadEventEnd,
  };
})()`;

/** How long a new browser process is left to finish its own start before the app is opened. */
const settleMs = 1500;

export const offlineStart = async (server: RunningServer, reps: number) => {
  const profile = mkdtempSync(join(tmpdir(), 'cograde-bench-chromium-'));
  const url = `${server.origin}/#/commission/K1?by=candidate&focus=114`;
  const launch = (offline: boolean) =>
    chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: browserArgs,
      offline,
      viewport: { width: 1366, height: 768 },
    });
  try {
    const cookie = await login(server, 'examiner1');
    const online = await launch(false);
    const [name, value] = cookie.split('=') as [string, string];
    await online.addCookies([{ name, value, url: server.origin }]);
    const page = online.pages()[0] ?? (await online.newPage());
    await page.goto(url);
    await page.evaluate<number>(gradeableAt);
    await page.waitForFunction(async () => (await navigator.serviceWorker?.ready) !== undefined);
    await page.reload();
    await page.evaluate<number>(gradeableAt);
    // Let the document reach IndexedDB and the service worker finish caching.
    await page.waitForTimeout(2000);
    await online.close();

    const times: number[] = [];
    const withLaunch: number[] = [];
    const phases: Array<Record<string, number>> = [];
    for (let i = 0; i < reps; i++) {
      // The app's cold start: a new browser process, left to finish its own start first (on 2 cores
      // Chromium's start, its omnibox renderer alone, takes 400-500 ms of CPU that would otherwise
      // compete with the page), then the app opened offline with nothing of it in memory.
      const context = await launch(true);
      const p = context.pages()[0] ?? (await context.newPage());
      await p.goto('about:blank');
      await p.waitForTimeout(settleMs);
      await p.goto(url, { waitUntil: 'commit' });
      times.push(await p.evaluate<number>(gradeableAt));
      phases.push(await p.evaluate<Record<string, number>>(phasesScript));
      await context.close();
      // The same, opened while the browser is still starting: what a user who starts the browser with
      // the app's address waits.
      const cold = await launch(true);
      const q = cold.pages()[0] ?? (await cold.newPage());
      await q.goto(url, { waitUntil: 'commit' });
      withLaunch.push(await q.evaluate<number>(gradeableAt));
      await cold.close();
    }
    const phase = (key: string) => figure(phases.map((p) => p[key] ?? Number.NaN)).median;
    return {
      ms: figure(times),
      withBrowserLaunchMs: figure(withLaunch),
      phasesMs: Object.fromEntries(Object.keys(phases[0] ?? {}).map((k) => [k, phase(k)])),
    };
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
};
