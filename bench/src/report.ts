/** The `targets` array of results.json and the generated part of docs/benchmarks.md. */
import { stepPassed } from './workloads.ts';

type Fig = { median: number; min: number; max: number };
// biome-ignore lint/suspicious/noExplicitAny: the report is read as loosely as the JSON it becomes
type AnyRecord = Record<string, any>;

export type Target = {
  name: string;
  unit: string;
  cograde: number | null;
  peer: string | null;
  peerValue: number | null;
  limit: number;
  kind: 'ratio-max' | 'ratio-min' | 'abs-max';
  met: boolean;
};

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const metOf = (t: Omit<Target, 'met'>): boolean => {
  if (!isNum(t.cograde)) return false;
  if (t.kind === 'abs-max') return t.cograde <= t.limit;
  if (!isNum(t.peerValue)) return false;
  return t.kind === 'ratio-max' ? t.cograde <= t.limit * t.peerValue : t.cograde >= t.limit * t.peerValue;
};

const target = (t: Omit<Target, 'met'>): Target => ({ ...t, met: metOf(t) });

export const targetsOf = (report: AnyRecord): Target[] => {
  const s = report.servers as AnyRecord;
  const c = s.cograde ?? {};
  const relay = s.relay ?? {};
  const hp = s.hocuspocus ?? {};
  const pairCounts: number[] = report.method.latency.pairCounts;
  const list: Target[] = pairCounts.map((n) =>
    target({
      name: `latency p99, ${n} pair${n === 1 ? '' : 's'}`,
      unit: 'ms',
      cograde: c.latency?.[n]?.p99?.median ?? null,
      peer: 'relay',
      peerValue: relay.latency?.[n]?.p99?.median ?? null,
      limit: 1.1,
      kind: 'ratio-max',
    }),
  );
  list.push(
    target({
      name: 'hot document throughput',
      unit: 'updates/s',
      cograde: c.hot?.acceptedPerSec?.median ?? null,
      peer: 'hocuspocus',
      peerValue: hp.hot?.acceptedPerSec?.median ?? null,
      limit: 1.5,
      kind: 'ratio-min',
    }),
    target({
      name: `${c.idle?.connections ?? 2000} idle connections, RSS`,
      unit: 'MB',
      cograde: c.idle?.rssMb?.median ?? null,
      peer: null,
      peerValue: null,
      limit: 150,
      kind: 'abs-max',
    }),
    target({
      name: 'cold sync, 300 × 10 commission',
      unit: 'ms',
      cograde: c.cold?.ms?.median ?? null,
      peer: null,
      peerValue: null,
      limit: 50,
      kind: 'abs-max',
    }),
    target({
      name: 'initial JS (gzip)',
      unit: 'KB',
      cograde: report.web?.initialJs?.gzipKb ?? null,
      peer: null,
      peerValue: null,
      limit: 120,
      kind: 'abs-max',
    }),
    target({
      name: 'offline start to gradeable screen',
      unit: 'ms',
      cograde: report.web?.offlineStart?.ms?.median ?? null,
      peer: null,
      peerValue: null,
      limit: 300,
      kind: 'abs-max',
    }),
  );
  return list;
};

const n = (v: unknown, digits = 1) =>
  isNum(v) ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(digits)) : '–';
const fig = (f: Fig | undefined, digits = 1) =>
  f && isNum(f.median) ? `${n(f.median, digits)} (${n(f.min, digits)}–${n(f.max, digits)})` : '–';

export const startMarker = '<!-- bench:results:start -->';
export const endMarker = '<!-- bench:results:end -->';

/** The generated tables; the rest of docs/benchmarks.md (method, profiles, plans) is kept as written. */
export const resultsSection = (report: AnyRecord): string => {
  const s = report.servers as AnyRecord;
  const kinds = Object.keys(s);
  const names: Record<string, string> = {
    cograde: 'Cograde',
    relay: `@y/websocket-server ${report.versions.relay}`,
    hocuspocus: `Hocuspocus ${report.versions.hocuspocus} + SQLite`,
  };
  const lines: string[] = [];
  const m = report.machine;
  lines.push(
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC (\`${report.mode}\`, ${Math.round(report.durationSeconds / 60)} min): ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node} (all three servers and the load), Yjs ${report.versions.yjs}; load average ${m.loadAverage?.before} before, ${m.loadAverage?.after} after; server code at \`${report.source?.commit}\`${report.source?.uncommitted?.length ? ` with ${report.source.uncommitted.length} uncommitted files under apps/sync-server and packages/domain` : ''}. Figures are medians of ${report.method.reps} repetitions with (min–max).`,
    '',
    '### Targets',
    '',
    '| target | Cograde | compared with | bound | met |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const t of report.targets as Target[]) {
    const bound =
      t.kind === 'abs-max'
        ? `≤ ${t.limit} ${t.unit}`
        : `${t.kind === 'ratio-max' ? '≤' : '≥'} ${t.limit} × ${t.peer}${isNum(t.peerValue) ? ` = ${n(t.limit * t.peerValue)} ${t.unit}` : ''}`;
    const peer = t.peer === null ? '–' : `${t.peer}: ${n(t.peerValue)} ${t.unit}`;
    lines.push(
      `| ${t.name} | ${n(t.cograde)} ${t.unit} | ${peer} | ${bound} | ${t.met ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('', '### Every figure', '', `| figure | ${kinds.map((k) => names[k] ?? k).join(' | ')} |`);
  lines.push(`| --- | ${kinds.map(() => '---').join(' | ')} |`);
  const row = (label: string, get: (r: AnyRecord) => string) =>
    lines.push(`| ${label} | ${kinds.map((k) => get(s[k] ?? {})).join(' | ')} |`);
  for (const p of report.method.latency.pairCounts as number[]) {
    row(`1. latency p50, ${p} pairs (ms)`, (r) => fig(r.latency?.[p]?.p50));
    row(`1. latency p99, ${p} pairs (ms)`, (r) => fig(r.latency?.[p]?.p99));
  }
  row('2. hot document, accepted updates/s at p99 ≤ 100 ms', (r) => fig(r.hot?.acceptedPerSec, 0));
  // The target compares with Hocuspocus: the rate both passed (the relay gives up far earlier).
  const compared = kinds.filter((k) => k === 'cograde' || k === 'hocuspocus');
  const common = commonHotRate(compared.map((k) => s[k]?.hot?.steps ?? []));
  if (common !== null) {
    row(
      `2. hot document at ${common}/s (the top rate Cograde and Hocuspocus both passed): server CPU per update (µs)`,
      (r) =>
        n(
          cpuPerUpdate(r.hot?.steps ?? [], common, (st) => st.serverCpuPercent),
          0,
        ),
    );
    row(`2. hot document at ${common}/s: the load processes' CPU per update (µs)`, (r) =>
      n(
        cpuPerUpdate(r.hot?.steps ?? [], common, (st) =>
          st.loadCpuPercent.reduce((a: number, b: number) => a + b, 0),
        ),
        0,
      ),
    );
  }
  row(`3. RSS with ${report.method.idle.connections} idle connections (MB)`, (r) =>
    r.idle ? `${fig(r.idle.rssMb)}; ${n(r.idle.baselineMb)} idle server` : '–',
  );
  row('4. cold sync, room loaded (ms)', (r) => fig(r.cold?.ms));
  row('4. cold sync, first client, from storage (ms)', (r) => n(r.cold?.fromStorageMs));
  row('4. cold sync, bytes to the client', (r) => fig(r.cold?.bytes, 0));
  const ref = s.cograde?.refusal;
  if (ref) {
    lines.push(
      '',
      '### 5. Refusal cost (Cograde)',
      '',
      `- Deciding (describe-update, check-change, validate.ts) took **${n(ref.cpu?.sharePercent?.validate)} %** of the server's busy CPU while pairs co-graded (V8 profile, ${n(ref.cpu?.busyMs, 0)} ms busy); SQLite ${n(ref.cpu?.sharePercent?.sqlite)} %, Yjs ${n(ref.cpu?.sharePercent?.yjs)} %, ws ${n(ref.cpu?.sharePercent?.websocket)} %, GC ${n(ref.cpu?.sharePercent?.gc)} %, rest ${n(ref.cpu?.sharePercent?.other)} %.`,
      `- A refused update's answer: p50 ${n(ref.refusedP50)} ms, p99 ${n(ref.refusedP99)} ms; an accepted update's ack (after the durable append): p50 ${n(ref.ackP50)} ms, p99 ${n(ref.ackP99)} ms (${ref.samples} samples each).`,
    );
    if (ref.cpu?.top) {
      lines.push(
        '',
        '<details><summary>Top functions by self time</summary>',
        '',
        '| function | self % |',
        '| --- | --- |',
      );
      for (const t of ref.cpu.top as Array<{ name: string; selfPercent: number }>)
        lines.push(`| \`${t.name.replace(/\|/g, '\\|')}\` | ${t.selfPercent} |`);
      lines.push('', '</details>');
    }
  }
  const w = report.web;
  if (w) {
    lines.push(
      '',
      '### 6. Web',
      '',
      `- Initial JavaScript: **${w.initialJs.gzipKb} KB** gzip (${Math.round(w.initialJs.bytes / 1024)} KB raw: ${w.initialJs.files.map((f: AnyRecord) => `\`${f.file}\``).join(', ')}).`,
      `- Cold offline start of the app (new Chromium process left to finish its own start, then the app opened offline: app from the service worker, K1 from IndexedDB) to the first points field that takes input: **${fig(w.offlineStart.ms, 0)} ms**; phases (median ms from navigation start): ${Object.entries(
        w.offlineStart.phasesMs ?? {},
      )
        .map(([k, v]) => `${k} ${n(v, 0)}`)
        .join(', ')}.`,
      ...(w.offlineStart.withBrowserLaunchMs === undefined
        ? []
        : [
            `- The same with the app opened while the new browser process is still starting (its own start competes for the 2 cores): **${fig(w.offlineStart.withBrowserLaunchMs, 0)} ms**.`,
          ]),
    );
  }
  return lines.join('\n');
};

type HotStep = {
  offered: number;
  accepted: number;
  p99: number;
  serverCpuPercent: number;
  loadCpuPercent: number[];
};

/** The highest offered rate that every server passed in some repetition: a rate to compare CPU at. */
const commonHotRate = (stepsPerServer: HotStep[][]): number | null => {
  const rates = stepsPerServer.map((steps) => new Set(steps.filter(stepPassed).map((st) => st.offered)));
  const shared = [...(rates[0] ?? [])].filter((rate) => rates.every((r) => r.has(rate)));
  return shared.length === 0 ? null : Math.max(...shared);
};

/** CPU microseconds per accepted update at `rate`: the median over the repetitions that passed it. */
const cpuPerUpdate = (steps: HotStep[], rate: number, cpuPercent: (st: HotStep) => number) => {
  const per = steps
    .filter((st) => st.offered === rate && stepPassed(st) && st.accepted > 0)
    .map((st) => (cpuPercent(st) / 100 / st.accepted) * 1e6)
    .sort((a, b) => a - b);
  return per.length === 0 ? null : per[Math.floor(per.length / 2)];
};

export const markdown = (report: AnyRecord, existing: string): string => {
  const section = `${startMarker}\n${resultsSection(report)}\n${endMarker}`;
  const a = existing.indexOf(startMarker);
  const b = existing.indexOf(endMarker);
  if (a >= 0 && b > a) return existing.slice(0, a) + section + existing.slice(b + endMarker.length);
  return `# Benchmarks\n\nGenerated by \`npm run bench\` (see bench/).\n\n## Results\n\n${section}\n`;
};
