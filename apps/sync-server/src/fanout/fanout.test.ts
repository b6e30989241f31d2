import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestClient, until } from '../sync/test-client.ts';
import { startTestServer, type TestServer } from '../sync/test-kit.ts';
import { InProcessHub } from './in-process.ts';

/**
 * Two sync services on one store, joined by the in-process fan-out: the logic of several instances
 * without Redis or PostgreSQL (the real ones run in `test/integration/scaleout-*.test.ts`).
 */
let hub: InProcessHub;
let a: TestServer;
let b: TestServer;
const clients: TestClient[] = [];

const connect = async (server: TestServer, userId: string, name: string) => {
  const token = server.sessions.login(userId);
  const client = new TestClient(server.url, name, {
    cookie: `cograde_session=${token}`,
    origin: server.origin,
  });
  clients.push(client);
  return client.whenSynced();
};

const storedDoc = async (name: string) => {
  const doc = new Y.Doc();
  for (const update of await a.store.load(name)) Y.applyUpdate(doc, update);
  return doc;
};

const start = async (compactAfter = 500) => {
  hub = new InProcessHub();
  a = await startTestServer({ fanOut: hub.join(), limits: { compactAfter } });
  b = await startTestServer({ fanOut: hub.join(), sharedStore: a.store, limits: { compactAfter } });
};

beforeEach(() => start());

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await a.close();
  await b.close();
});

describe('several instances with fan-out', () => {
  it('relays an update accepted at one instance to the clients of another, in order', async () => {
    const x = await connect(a, 'ex1', 'commission:k1');
    const y = await connect(b, 'ex2', 'commission:k1');
    const seen: unknown[] = [];
    y.map('texts').observe(() => seen.push(y.map('texts').get('101:comment')));
    for (let i = 0; i < 40; i++) x.map('texts').set('101:comment', `v${i}`);
    await x.whenSaved();
    await until(() => y.map('texts').get('101:comment') === 'v39', 'the last value at the other instance');
    const order = seen.map((v) => Number(String(v).slice(1)));
    expect(order).toEqual([...order].sort((p, q) => p - q));
    expect(order.length).toBeGreaterThan(1);
    expect(y.of('refused')).toEqual([]);
  });

  it('an instance that missed messages reads what it missed from storage: on a gap, and on a reconnect', async () => {
    const x = await connect(a, 'ex1', 'commission:k1');
    const y = await connect(b, 'ex2', 'commission:k1');
    let n = 0;
    hub.drop = (message) => message.kind === 'update' && n++ % 3 === 0;
    for (let i = 0; i < 30; i++) x.map('texts').set(`10${1 + (i % 3)}:comment`, `v${i}`);
    await x.whenSaved();
    await until(() => y.map('texts').get('103:comment') === 'v29', 'the gaps to be filled from storage');
    expect(y.map('texts').toJSON()).toEqual(x.map('texts').toJSON());

    // Everything lost, with no later message to reveal the gap: a reconnect does.
    hub.drop = () => true;
    x.map('texts').set('101:comment', 'while the fan-out was down');
    await x.whenSaved();
    expect(y.map('texts').get('101:comment')).toBe('v27');
    hub.drop = null;
    hub.reconnect();
    await until(() => y.map('texts').get('101:comment') === 'while the fan-out was down', 'the resync');
  });

  it('R6 a lock written through one instance refuses an edit at another that never heard of it', async () => {
    const y = await connect(b, 'ex2', 'commission:k1');
    hub.drop = () => true;
    await a.service.writer.transact('commission:k1', (doc) =>
      doc.getMap('finals').set('101', {
        grade: 'A',
        registeredBy: 'ex1',
        registeredAt: '2026-11-23T11:00:00.000Z',
        source: 'commission',
      }),
    );
    expect(y.map('finals').has('101')).toBe(false);
    y.map('texts').set('101:comment', 'late');
    await y.whenMessage('refused');
    expect(y.of('refused')[0]).toMatchObject({ reason: 'locked' });
    // Deciding at the head of the log brought the lock to instance b, which passed it on.
    await until(() => y.map('finals').has('101'), 'the lock at the other instance’s client');
    expect((await storedDoc('commission:k1')).getMap('texts').has('101:comment')).toBe(false);
  });

  it('R6 the lock reaches a private document’s decision at another instance through the commission it reads', async () => {
    const own = await connect(b, 'ex2', 'private:k1:ex2');
    hub.drop = () => true;
    await a.service.writer.transact('commission:k1', (doc) =>
      doc.getMap('finals').set('102', {
        grade: 'B',
        registeredBy: 'ex1',
        registeredAt: '2026-11-23T11:00:00.000Z',
        source: 'commission',
      }),
    );
    own.map('marks').set('102:q2', 3);
    await own.whenMessage('refused');
    expect(own.of('refused')[0]).toMatchObject({ reason: 'locked' });
    expect((await storedDoc('private:k1:ex2')).getMap('marks').has('102:q2')).toBe(false);
    // The refusal is kept in that private document, as on one instance.
    await until(() => own.map('refused').size === 1, 'the refusal in the private document');
  });

  it('presence crosses instances and leaves with its connection', async () => {
    const x = await connect(a, 'ex1', 'commission:k1');
    const y = await connect(b, 'ex2', 'commission:k1');
    x.provider.awareness.setLocalState({ userId: 'ex1', candidate: '101' });
    await until(() => y.provider.awareness.getStates().has(x.doc.clientID), 'presence at the other instance');
    const id = x.doc.clientID;
    x.destroy();
    await until(() => !y.provider.awareness.getStates().has(id), 'presence to leave');
  });

  it('compacts while the other instance appends, one compaction at a time, and loses nothing', async () => {
    for (const client of clients.splice(0)) client.destroy();
    await a.close();
    await b.close();
    await start(10);
    const x = await connect(a, 'ex1', 'commission:k1');
    const y = await connect(b, 'ex2', 'commission:k1');
    for (let i = 0; i < 60; i++) {
      x.map('texts').set(`10${1 + (i % 3)}:comment`, `x${i}`);
      y.map('texts').set(`10${1 + (i % 3)}:explanation`, `y${i}`);
    }
    await x.whenSaved();
    await y.whenSaved();
    await until(() => a.store.compactions > 0, 'a compaction');
    await until(() => y.map('texts').get('103:comment') === 'x59', 'y to have every update of x');
    await until(() => x.map('texts').get('103:explanation') === 'y59', 'x to have every update of y');
    const stored = (await storedDoc('commission:k1')).getMap('texts').toJSON();
    expect(stored).toEqual(x.map('texts').toJSON());
    expect(stored).toEqual(y.map('texts').toJSON());
    expect((await a.store.load('commission:k1')).length).toBeLessThan(120);
  });
});
