/**
 * A load process (forked by the harness): holds real clients and drives them on command, so the
 * clients' own CPU is never the harness's or the server's. Messages in: `LoadCommand`; out: the reply.
 */
import { performance } from 'node:perf_hooks';
import { commissionDoc } from '@cograde/domain';
import { type BenchClient, type ClientTarget, type CogradeMessage, connect } from './clients.ts';
import { fillCold } from './content.ts';
import { sleep } from './stats.ts';

export type ClientSpec = { docName: string; cookie?: string };
export type WriterSpec = { client: number; peer: number; keys: string[] };

export type LoadCommand =
  | { op: 'connect'; target: ClientTarget; clients: ClientSpec[]; batch?: number }
  | { op: 'drive'; writers: WriterSpec[]; ratePerWriter: number; warmupMs: number; measureMs: number }
  | { op: 'cold'; target: ClientTarget; client: ClientSpec; reps: number }
  | {
      op: 'refusal';
      target: ClientTarget;
      client: ClientSpec;
      reps: number;
      candidate: string;
      question: string;
    }
  | { op: 'fill'; target: ClientTarget; client: ClientSpec; settleMs: number }
  | { op: 'close' };

export type DriveResult = {
  latencies: number[];
  sent: number;
  observed: number;
  lost: number;
  measureMs: number;
  /** Cograde's own messages received while driving, by type, and the first one that was not an ack. */
  messages: Record<string, number>;
  firstRefusal: unknown;
};

// y-websocket's provider adds a process 'exit' listener per client.
process.setMaxListeners(0);

let target: ClientTarget | null = null;
let clients: BenchClient[] = [];

const connectAll = async (t: ClientTarget, specs: ClientSpec[], batch: number) => {
  target = t;
  for (let i = 0; i < specs.length; i += batch) {
    const group = specs.slice(i, i + batch).map((s) => connect(t, s.docName, s.cookie));
    clients.push(...group);
    await Promise.all(group.map((c) => c.whenSynced(120_000)));
  }
  return { connected: clients.length };
};

const isCograde = () => target?.kind === 'cograde';

/**
 * Each client's accessor, made once as the web app makes its view once per document: made per write,
 * its closures (each wrapped by tsx's `__name` here, unlike in the app's bundle) were timed as latency.
 */
const accessors = new WeakMap<BenchClient, ReturnType<typeof commissionDoc>>();
const accessorOf = (client: BenchClient) => {
  let accessor = accessors.get(client);
  if (accessor === undefined) {
    accessor = commissionDoc(client.doc);
    accessors.set(client, accessor);
  }
  return accessor;
};

/** Writes one mark; on Cograde through the domain accessor the web app uses, so the server checks it. */
const writeMark = (client: BenchClient, key: string, value: number) => {
  if (isCograde()) {
    const [candidate, question] = key.split(':') as [string, string];
    const accessor = accessorOf(client);
    client.doc.transact(() => accessor.setMark(candidate, question, value));
  } else {
    client.doc.getMap<number>('marks').set(key, value);
  }
};

const drive = async (cmd: Extract<LoadCommand, { op: 'drive' }>): Promise<DriveResult> => {
  const intervalMs = 1000 / cmd.ratePerWriter;
  const start = performance.now();
  const measureFrom = start + cmd.warmupMs;
  const measureTo = measureFrom + cmd.measureMs;
  const latencies: number[] = [];
  let sent = 0;
  let observed = 0;
  // pending[peer][key] = { value, at, measured }
  const pending = new Map<number, Map<string, { value: number; at: number; measured: boolean }>>();
  const unobserve: Array<() => void> = [];
  for (const w of cmd.writers) {
    if (pending.has(w.peer)) continue;
    const table = new Map<string, { value: number; at: number; measured: boolean }>();
    pending.set(w.peer, table);
    const marks = clients[w.peer]!.doc.getMap<number>('marks');
    const observer = (event: { keysChanged: Set<string> }) => {
      const now = performance.now();
      for (const key of event.keysChanged) {
        const p = table.get(key);
        if (p !== undefined && marks.get(key) === p.value) {
          table.delete(key);
          if (p.measured) {
            latencies.push(now - p.at);
            observed++;
          }
        }
      }
    };
    marks.observe(observer);
    unobserve.push(() => marks.unobserve(observer));
  }
  const state = cmd.writers.map((w, i) => ({
    ...w,
    next: start + (i / cmd.writers.length) * intervalMs,
    k: 0,
  }));
  let lost = 0;
  const messages: Record<string, number> = {};
  let firstRefusal: unknown = null;
  for (const c of clients) {
    c.onCograde = (m) => {
      messages[m.type] = (messages[m.type] ?? 0) + 1;
      if (m.type !== 'ack' && firstRefusal === null) firstRefusal = m;
    };
  }
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= measureTo) {
        clearInterval(timer);
        resolve();
        return;
      }
      for (const w of state) {
        while (w.next <= now) {
          w.next += intervalMs;
          const key = w.keys[w.k % w.keys.length]!;
          w.k++;
          const writer = clients[w.client]!;
          const current = writer.doc.getMap<number>('marks').get(key) ?? 0;
          const value = (current + 1) % 11;
          const table = pending.get(w.peer)!;
          const measured = now >= measureFrom;
          if (table.get(key)?.measured) lost++;
          table.set(key, { value, at: performance.now(), measured });
          writeMark(writer, key, value);
          if (measured) sent++;
        }
      }
    }, 1);
  });
  // Grace for the last updates in flight; what never arrives counts with the time waited.
  const graceEnd = performance.now() + 2000;
  while (
    performance.now() < graceEnd &&
    [...pending.values()].some((t) => [...t.values()].some((p) => p.measured))
  )
    await sleep(5);
  const end = performance.now();
  for (const table of pending.values()) {
    for (const p of table.values()) {
      if (p.measured) {
        latencies.push(end - p.at);
        lost++;
      }
    }
  }
  for (const u of unobserve) u();
  for (const c of clients) c.onCograde = null;
  return { latencies, sent, observed, lost, measureMs: cmd.measureMs, messages, firstRefusal };
};

const cold = async (cmd: Extract<LoadCommand, { op: 'cold' }>) => {
  const times: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < cmd.reps; i++) {
    const t0 = performance.now();
    const c = connect(cmd.target, cmd.client.docName, cmd.client.cookie);
    await c.whenSynced(60_000);
    times.push(performance.now() - t0);
    await sleep(50);
    bytes.push(c.bytesIn());
    const marks = c.doc.getMap('marks').size;
    c.destroy();
    if (marks < 3000) throw new Error(`cold sync saw ${marks} marks, not 3000`);
    await sleep(100);
  }
  return { times, bytes };
};

/** On Cograde: the time to the server's answer for a legal mark (ack) and for an illegal one (refused). */
const refusal = async (cmd: Extract<LoadCommand, { op: 'refusal' }>) => {
  const ack: number[] = [];
  const refused: number[] = [];
  for (let i = 0; i < cmd.reps; i++) {
    const c = connect(cmd.target, cmd.client.docName, cmd.client.cookie);
    await c.whenSynced(60_000);
    const answer = (type: string) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`no ${type} within 10 s`)), 10_000);
        c.onCograde = (m: CogradeMessage) => {
          if (m.type === type) {
            clearTimeout(timer);
            c.onCograde = null;
            resolve(performance.now() - t0);
          }
        };
      });
    await sleep(20);
    const legal = answer('ack');
    const current = commissionDoc(c.doc).mark(cmd.candidate, cmd.question) ?? 0;
    c.doc.transact(() => commissionDoc(c.doc).setMark(cmd.candidate, cmd.question, (current + 1) % 11));
    ack.push(await legal);
    await sleep(20);
    const illegal = answer('refused');
    // 99 points on a 10-point question: R-level content refusal (over the question's maximum).
    c.doc.transact(() => commissionDoc(c.doc).setMark(cmd.candidate, cmd.question, 99));
    refused.push(await illegal);
    c.destroy();
    await sleep(50);
  }
  return { ack, refused };
};

const handle = async (cmd: LoadCommand): Promise<unknown> => {
  switch (cmd.op) {
    case 'connect':
      return connectAll(cmd.target, cmd.clients, cmd.batch ?? 25);
    case 'drive':
      return drive(cmd);
    case 'cold':
      return cold(cmd);
    case 'refusal':
      return refusal(cmd);
    case 'fill': {
      // Relay and Hocuspocus only: a client writes the cold document and stays connected as its holder.
      target = cmd.target;
      const c = connect(cmd.target, cmd.client.docName, cmd.client.cookie);
      await c.whenSynced(60_000);
      fillCold(c.doc);
      clients.push(c);
      await sleep(cmd.settleMs);
      return { filled: c.doc.getMap('marks').size };
    }
    case 'close':
      for (const c of clients) c.destroy();
      clients = [];
      await sleep(200);
      return { closed: true };
  }
};

process.on('message', (cmd: LoadCommand) => {
  handle(cmd).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});

// Stopped by the harness: exit normally, so that a `--cpu-prof` profile is written.
process.on('SIGTERM', () => process.exit(0));
