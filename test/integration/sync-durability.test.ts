import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestClient, until } from './helpers/clients.ts';
import { login, removeDataDir, type ServerProcess, startServer, tempDataDir } from './helpers/server.ts';

/**
 * An acknowledged update is on disk: a client sends bursts of edits, the server process is killed with
 * SIGKILL while a burst is still arriving, and after a restart every acknowledged edit is there.
 */
const running: ServerProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) await server.stop('SIGKILL');
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

type Write = { root: string; key: string; value: string | number; clockAfter: number };

const ackedClock = (client: TestClient): number => {
  const acks = client.of('ack');
  const last = acks[acks.length - 1];
  if (last === undefined) return 0;
  const vector = Y.decodeStateVector(new Uint8Array(Buffer.from(last.stateVector, 'base64')));
  return vector.get(client.doc.clientID) ?? 0;
};

describe('durability', () => {
  it('keeps every acknowledged update through a SIGKILL and a restart', { timeout: 180_000 }, async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await startServer({ dataDir });
    running.push(first);
    const author = await new TestClient(
      first.syncUrl,
      'commission:K1',
      await login(first, 'examiner1'),
    ).whenSynced();
    const writes: Write[] = [];
    const write = (i: number) => {
      const candidate = String(111 + (i % 10));
      const entry =
        i % 2 === 0
          ? { root: 'texts', key: `${candidate}:comment`, value: `comment ${i}` }
          : { root: 'marks', key: `${candidate}:q${3 + (i % 6)}`, value: i % 10 };
      author.map(entry.root).set(entry.key, entry.value);
      writes.push({ ...entry, clockAfter: Y.getState(author.doc.store, author.doc.clientID) });
    };

    // A burst, all acknowledged.
    for (let i = 0; i < 300; i++) write(i);
    await author.whenSaved();
    expect(author.of('refused')).toEqual([]);

    // A second burst; kill the server as soon as part of it is acknowledged.
    const acksBefore = author.of('ack').length;
    for (let i = 300; i < 700; i++) write(i);
    await until(
      () => author.of('ack').length > acksBefore + 20,
      'part of the second burst to be acknowledged',
    );
    await first.stop('SIGKILL');
    const acked = ackedClock(author);
    author.destroy();
    expect(acked).toBeGreaterThan(writes[299]?.clockAfter ?? 0);

    const second = await startServer({ dataDir });
    running.push(second);
    const reader = await new TestClient(
      second.syncUrl,
      'commission:K1',
      await login(second, 'examiner2'),
    ).whenSynced();
    try {
      expect(
        Y.getState(reader.doc.store, author.doc.clientID),
        'every acknowledged update is stored',
      ).toBeGreaterThanOrEqual(acked);
      // Each key holds its last acknowledged value, or a later write that was stored but not yet acknowledged.
      const byKey = new Map<string, Write[]>();
      for (const w of writes)
        byKey.set(`${w.root}/${w.key}`, [...(byKey.get(`${w.root}/${w.key}`) ?? []), w]);
      for (const [at, list] of byKey) {
        const lastAcked = list.filter((w) => w.clockAfter <= acked).pop();
        if (lastAcked === undefined) continue;
        const allowed = list.filter((w) => w.clockAfter >= lastAcked.clockAfter).map((w) => w.value);
        const [root, key] = [lastAcked.root, lastAcked.key];
        expect(allowed, at).toContain(reader.map(root).get(key));
      }
    } finally {
      reader.destroy();
    }
  });
});
