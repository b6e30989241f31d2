/**
 * Reads a V8 `.cpuprofile` of the Cograde server and splits its busy samples by where they were:
 * deciding (describe-update, check-change, validate.ts), SQLite, Yjs, the WebSocket layer, the rest.
 * A sample with a deciding frame anywhere on its stack is deciding; else its innermost known frame names it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export const categories = [
  ['validate', /documents\/(describe-update|check-change)\.ts|sync\/validate\.ts/],
  ['sqlite', /better-sqlite3|storage\/|kysely/],
  ['yjs', /node_modules\/(yjs|y-protocols|lib0)\//],
  ['websocket', /node_modules\/ws\//],
] as const;
export type Category = (typeof categories)[number][0] | 'other' | 'gc' | 'idle';

/** Frames of the bundled server (`dist/*.js`) named by their TypeScript source, through its source map. */
const toSources = (profile: Profile) => {
  const maps = new Map<string, SourceMap | null>();
  for (const node of profile.nodes) {
    const { url, lineNumber, columnNumber } = node.callFrame;
    if (!url.startsWith('file://') || !url.includes('/dist/') || !url.endsWith('.js')) continue;
    let map = maps.get(url);
    if (map === undefined) {
      const file = `${fileURLToPath(url)}.map`;
      map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : null;
      maps.set(url, map);
    }
    const entry = map?.findEntry(lineNumber, columnNumber);
    if (entry !== undefined && 'originalSource' in entry && entry.originalSource)
      node.callFrame.url = entry.originalSource;
  }
};

export const profileShares = (file: string) => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  toSources(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Category>();
  const categoryOf = (id: number): Category => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    let result: Category | null = null;
    if (node.callFrame.functionName === '(idle)') result = 'idle';
    else if (node.callFrame.functionName === '(garbage collector)') result = 'gc';
    else {
      // Deciding anywhere on the stack counts as deciding (Yjs decoding inside it included); otherwise
      // the innermost frame with a known category names the sample.
      const chain: Node[] = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
        chain.push(byId.get(cur)!);
      const validate = categories[0][1];
      if (chain.some((n) => validate.test(n.callFrame.url))) result = 'validate';
      else {
        for (const n of chain) {
          const found = categories.find(([, re]) => re.test(n.callFrame.url));
          if (found) {
            result = found[0];
            break;
          }
        }
      }
    }
    const category = result ?? 'other';
    memo.set(id, category);
    return category;
  };
  const totals = new Map<Category, number>();
  profile.samples.forEach((id, i) => {
    const c = categoryOf(id);
    totals.set(c, (totals.get(c) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const busy = [...totals.entries()].filter(([c]) => c !== 'idle').reduce((n, [, t]) => n + t, 0);
  const share = Object.fromEntries(
    [...totals.entries()]
      .filter(([c]) => c !== 'idle')
      .map(([c, t]) => [c, Math.round((t / busy) * 1000) / 10]),
  ) as Record<string, number>;
  return { busyMs: Math.round(busy / 1000), sharePercent: share, top: topFunctions(profile, byId, busy) };
};

const topFunctions = (profile: Profile, byId: Map<number, Node>, busy: number) => {
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') return;
    const url = n.callFrame.url.replace(/^.*\/(node_modules|apps|packages)\//, '$1/');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, t]) => ({ name, selfPercent: Math.round((t / busy) * 1000) / 10 }));
};
