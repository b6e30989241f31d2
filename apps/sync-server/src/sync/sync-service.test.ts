import { privateDoc } from '@cograde/domain';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RawClient, TestClient, until, upgradeStatus } from './test-client.ts';
import { startTestServer, type TestServer } from './test-kit.ts';

let server: TestServer;
const clients: Array<{ destroy(): void } | { close(): void }> = [];

const connect = async (userId: string, docName: string, doc?: Y.Doc) => {
  const token = server.sessions.login(userId);
  const client = new TestClient(
    server.url,
    docName,
    { cookie: `cograde_session=${token}`, origin: server.origin },
    doc,
  );
  clients.push(client);
  return client.whenSynced();
};

const storedDoc = async (name: string) => {
  const doc = new Y.Doc();
  for (const update of await server.store.load(name)) Y.applyUpdate(doc, update);
  return doc;
};

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const client of clients.splice(0)) 'destroy' in client ? client.destroy() : client.close();
  await server.close();
});

describe('sync service', () => {
  it('relays an accepted edit to peers and acknowledges it once stored', async () => {
    const a = await connect('ex1', 'commission:k1');
    const b = await connect('ex2', 'commission:k1');
    a.map('marks').set('101:q1', 7);
    await a.whenSaved();
    await until(() => b.map('marks').get('101:q1') === 7, 'the peer to see the mark');
    expect((await storedDoc('commission:k1')).getMap('marks').get('101:q1')).toBe(7);
    expect(a.of('access')[0]).toMatchObject({ type: 'access', access: 'write' });
    expect(a.of('refused')).toEqual([]);
  });

  it('R4 refuses a mark on a question the split gives to another examiner, and the peer never sees it', async () => {
    const author = await connect('ex1', 'commission:k1');
    const peer = await connect('ex2', 'commission:k1');
    const seen: unknown[] = [];
    peer.map('marks').observe(() => seen.push(peer.map('marks').get('101:q2')));
    author.map('marks').set('101:q2', 9);
    await author.whenMessage('refused');
    expect(author.of('refused')[0]).toMatchObject({
      reason: 'notYourQuestion',
      changes: [{ root: 'marks', key: '101:q2', value: 9, deleted: false, reason: 'notYourQuestion' }],
    });
    // The peer's own edit after the refusal arrives; the refused one never does.
    peer.map('marks').set('101:q2', 4);
    await peer.whenSaved();
    expect(seen).not.toContain(9);
    expect((await storedDoc('commission:k1')).getMap('marks').get('101:q2')).toBe(4);
    const kept = privateDoc(await storedDoc('private:k1:ex1')).refusals();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ docName: 'commission:k1', reason: 'notYourQuestion' });
  });

  it('R4 refuses a mixed update whole: the allowed change in it is not stored either', async () => {
    const author = await connect('ex1', 'commission:k1');
    author.doc.transact(() => {
      author.map('marks').set('101:q1', 3);
      author.map('marks').set('101:q2', 3);
    });
    await author.whenMessage('refused');
    expect(author.of('refused')[0]?.changes.map((c) => c.key)).toEqual(['101:q2']);
    const stored = (await storedDoc('commission:k1')).getMap('marks');
    expect(stored.has('101:q1')).toBe(false);
    expect(stored.has('101:q2')).toBe(false);
  });

  it('R6 refuses a late offline edit to a locked candidate, tells and keeps it, and the author converges', async () => {
    const author = await connect('ex1', 'commission:k1');
    const peer = await connect('ex2', 'commission:k1');
    // The author goes offline and edits candidate 102 …
    author.provider.disconnect();
    author.map('texts').set('102:comment', 'Late thought');
    author.map('marks').set('103:q1', 5);
    // … while the final grade of 102 is registered.
    await server.service.writer.transact('commission:k1', (doc) =>
      doc.getMap('finals').set('102', {
        grade: 'B',
        registeredBy: 'ex2',
        registeredAt: '2026-11-23T11:00:00.000Z',
        source: 'commission',
      }),
    );
    await until(() => peer.map('finals').has('102'), 'the lock to reach the peer');
    const peerSaw: unknown[] = [];
    peer.map('texts').observe(() => peerSaw.push(peer.map('texts').get('102:comment')));
    author.provider.connect();
    await author.whenMessage('refused');
    expect(author.of('refused')[0]).toMatchObject({
      reason: 'locked',
      changes: [{ key: '102:comment', reason: 'locked' }],
    });

    // Kept where the author can read it, in their private document.
    const own = await connect('ex1', 'private:k1:ex1');
    await until(() => privateDoc(own.doc).refusals().length === 1, 'the refusal in the private document');
    expect(privateDoc(own.doc).refusals()[0]?.changes).toEqual([
      { root: 'texts', key: '102:comment', value: 'Late thought', deleted: false },
    ]);

    // The author converges: rebuild from the server, re-apply what was not refused.
    const refusedKeys = new Set(
      author.of('refused').flatMap((r) => r.changes.map((c) => `${c.root}/${c.key}`)),
    );
    const pending = [...author.map('marks').entries()]
      .map(([key, value]) => ({ root: 'marks', key, value }))
      .concat([...author.map('texts').entries()].map(([key, value]) => ({ root: 'texts', key, value })))
      .filter((c) => !refusedKeys.has(`${c.root}/${c.key}`));
    author.destroy();
    const rebuilt = await connect('ex1', 'commission:k1');
    rebuilt.doc.transact(() => {
      for (const { root, key, value } of pending) rebuilt.map(root).set(key, value);
    });
    await rebuilt.whenSaved();
    await until(() => peer.map('marks').get('103:q1') === 5, 'the replayed mark to reach the peer');
    expect(rebuilt.map('texts').has('102:comment')).toBe(false);
    expect(peerSaw).not.toContain('Late thought');
    expect(Y.encodeStateVector(rebuilt.doc)).toEqual(Y.encodeStateVector(peer.doc));
    expect(rebuilt.of('refused')).toEqual([]);
  });

  it('R6 records a re-sent refusal once and does not loop', async () => {
    const author = await connect('ex1', 'commission:k1');
    await server.service.writer.transact('commission:k1', (doc) =>
      doc.getMap('finals').set('101', {
        grade: 'A',
        registeredBy: 'ex2',
        registeredAt: '2026-11-23T11:00:00.000Z',
        source: 'commission',
      }),
    );
    await until(() => author.map('finals').has('101'), 'the lock');
    author.map('texts').set('101:explanation', 'too late');
    await author.whenMessage('refused');
    // The stock client answers the server's resync request by sending the refused content again.
    await until(() => author.of('refused').length >= 2, 'the re-sent content to be refused again');
    const appends = server.store.appends;
    author.map('texts').set('102:explanation', 'fine');
    await until(() => author.of('refused').length >= 3, 'the dependent edit to be refused');
    expect(
      new Set(
        author
          .of('refused')
          .slice(0, 2)
          .map((r) => r.refusalId),
      ).size,
    ).toBe(1);
    expect(server.store.appends).toBeLessThanOrEqual(appends + 1);
    expect(privateDoc(await storedDoc('private:k1:ex1')).refusals().length).toBeLessThanOrEqual(2);
  });

  it('R6 keeps a refusal of a private-document edit in that same private document', async () => {
    const own = await connect('ex1', 'private:k1:ex1');
    own.map('marks').set('101:q1', 50);
    await own.whenMessage('refused');
    expect(own.of('refused')[0]).toMatchObject({ reason: 'pointsOutOfRange' });
    await until(() => own.map('refused').size === 1, 'the refusal to reach the author’s tab');
    const kept = privateDoc(await storedDoc('private:k1:ex1')).refusals();
    expect(kept).toMatchObject([
      { docName: 'private:k1:ex1', changes: [{ root: 'marks', key: '101:q1', value: 50 }] },
    ]);
    expect((await storedDoc('private:k1:ex1')).getMap('marks').has('101:q1')).toBe(false);
  });

  it('R20 a member cannot open another examiner’s private document, nor one of another commission', async () => {
    const cookie = `cograde_session=${server.sessions.login('ex2')}`;
    const origin = server.origin;
    expect(await upgradeStatus(`${server.url}/private:k1:ex1`, { cookie, origin })).toBe(403);
    expect(await upgradeStatus(`${server.url}/private:k1:ex2`, { cookie, origin })).toBe(101);
    const coordinator = `cograde_session=${server.sessions.login('coord')}`;
    expect(await upgradeStatus(`${server.url}/private:k1:ex1`, { cookie: coordinator, origin })).toBe(403);
    // A private document that does not exist is answered exactly the same.
    expect(await upgradeStatus(`${server.url}/private:k9:ex2`, { cookie, origin })).toBe(403);
    expect(await upgradeStatus(`${server.url}/commission:k2`, { cookie, origin })).toBe(403);
    expect(await upgradeStatus(`${server.url}/commission:nope`, { cookie, origin })).toBe(403);
  });

  it('R20 refuses private notes written into another examiner’s document even when access is withdrawn mid-session', async () => {
    const own = await connect('ex2', 'private:k1:ex2');
    own.map('notes').set('101', 'mine');
    await own.whenSaved();
    // ex2 leaves commission K1: the next frame finds the access gone and the connection closed.
    server.actors.set('ex2', { userId: 'ex2', grants: [] });
    own.map('notes').set('102', 'after removal');
    await until(() => own.closedWith !== null, 'the connection to close');
    expect(own.closedWith).toBe(4403);
    const stored = (await storedDoc('private:k1:ex2')).getMap('notes');
    expect(stored.get('101')).toBe('mine');
    expect(stored.has('102')).toBe(false);
  });

  it('R2 a reader who only listens loses a withdrawn access when the document next changes, and hears nothing more', async () => {
    const writer = await connect('ex1', 'commission:k1');
    const reader = await connect('ex2', 'commission:k1');
    writer.map('texts').set('101:comment', 'before');
    await until(() => reader.map('texts').get('101:comment') === 'before', 'the reader to hear it');
    // ex2 leaves commission K1 and sends nothing; ex1 writes on.
    server.actors.set('ex2', { userId: 'ex2', grants: [] });
    writer.map('texts').set('101:comment', 'after removal');
    await writer.whenSaved();
    await until(() => reader.closedWith !== null, 'the reader to be closed');
    expect(reader.closedWith).toBe(4403);
    expect(reader.map('texts').get('101:comment')).toBe('before');
  });

  it('takes a role change mid-session: a member who becomes coordinator only is read-only from the next frame', async () => {
    const author = await connect('ex1', 'commission:k1');
    author.map('texts').set('101:comment', 'as a member');
    await author.whenSaved();
    server.actors.set('ex1', { userId: 'ex1', grants: [{ role: 'coordinator', examId: 'e1' }] });
    author.map('texts').set('102:comment', 'as coordinator');
    await author.whenMessage('refused');
    expect(author.of('refused')[0]).toMatchObject({ reason: 'readOnly' });
    expect(author.of('access').map((m) => m.access)).toEqual(['write', 'read']);
    expect((await storedDoc('commission:k1')).getMap('texts').has('102:comment')).toBe(false);
  });

  it('refuses updates on a read-only connection and nothing reaches storage', async () => {
    const coordinator = await connect('coord', 'commission:k1');
    expect(coordinator.of('access')[0]).toMatchObject({ access: 'read' });
    // Syncing is no attempt to write: the client's empty step 2 is acknowledged, not refused.
    await coordinator.whenMessage('ack');
    expect(coordinator.of('refused')).toEqual([]);
    const before = server.store.appends;
    coordinator.map('marks').set('101:q1', 1);
    await coordinator.whenMessage('refused');
    expect(coordinator.of('refused')[0]).toMatchObject({ reason: 'readOnly' });
    expect(server.store.appends).toBe(before);
    expect((await storedDoc('commission:k1')).getMap('marks').has('101:q1')).toBe(false);
  });

  it('refuses client writes to server-only parts, like the final grades', async () => {
    const author = await connect('ex1', 'commission:k1');
    author.map('finals').set('101', {
      grade: 'A',
      registeredBy: 'ex1',
      registeredAt: '2026-11-23T11:00:00.000Z',
      source: 'commission',
    });
    await author.whenMessage('refused');
    expect(author.of('refused')[0]).toMatchObject({ reason: 'serverOnly' });
    expect((await storedDoc('commission:k1')).getMap('finals').has('101')).toBe(false);
  });

  it('relays a decided update at once but acknowledges it only once it is durable', async () => {
    const author = await connect('ex1', 'commission:k1');
    const peer = await connect('ex2', 'commission:k1');
    let release = () => {};
    server.store.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = server.store.appendsStarted;
    const acksBefore = author.of('ack').length;
    author.map('marks').set('101:q1', 2);
    await until(() => server.store.appendsStarted > started, 'the append to start');
    // A full round trip on another document: anything sent early on the author's socket would be here.
    await connect('ex1', 'private:k1:ex1');
    // Deliberate (README, trade-offs): peers get a decided update while its commit is in flight.
    await until(() => peer.map('marks').get('101:q1') === 2, 'the relay before the commit');
    const saved = author.saved;
    const acks = author.of('ack').length - acksBefore;
    release();
    server.store.gate = null;
    await author.whenSaved();
    expect(saved, 'acknowledged before the append was durable').toBe(false);
    expect(acks, 'an ack before the append was durable').toBe(0);
    expect(server.store.appends).toBeGreaterThan(0);
  });

  it('drops a document whose storage fails, without acknowledging, and takes the edit once storage is back', async () => {
    const author = await connect('ex1', 'commission:k1');
    const peer = await connect('ex2', 'commission:k1');
    server.store.failing = true;
    author.map('texts').set('101:comment', 'during the outage');
    await until(
      () => author.closedWith !== null && peer.closedWith !== null,
      'the connections to be dropped',
    );
    expect(author.closedWith).toBe(1011);
    expect(author.saved).toBe(false);
    expect(peer.map('texts').has('101:comment'), 'nothing unstored is relayed').toBe(false);
    server.store.failing = false;
    // y-websocket reconnects by itself and sends what the server lacks.
    await until(() => author.saved, 'the edit to be stored after the outage');
    await until(() => peer.map('texts').get('101:comment') === 'during the outage', 'the peer to get it');
    expect((await storedDoc('commission:k1')).getMap('texts').get('101:comment')).toBe('during the outage');
  });

  it('checks the Origin and the session on upgrade', async () => {
    const cookie = `cograde_session=${server.sessions.login('ex1')}`;
    const url = `${server.url}/commission:k1`;
    expect(await upgradeStatus(url, { cookie, origin: server.origin })).toBe(101);
    expect(await upgradeStatus(url, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { cookie })).toBe(403);
    expect(await upgradeStatus(url, { origin: server.origin })).toBe(401);
    expect(await upgradeStatus(url, { cookie: 'cograde_session=forged', origin: server.origin })).toBe(401);
    expect(await upgradeStatus(`${server.url}/not-a-doc`, { cookie, origin: server.origin })).toBe(403);
  });

  it('keeps presence within its document and removes it on close', async () => {
    const a = await connect('ex1', 'commission:k1');
    const b = await connect('ex2', 'commission:k1');
    const other = await connect('ex3', 'commission:k2');
    a.provider.awareness.setLocalState({
      user: { id: 'ex1', name: 'Examiner 1' },
      focus: { candidate: '101' },
    });
    await until(() => b.provider.awareness.getStates().has(a.doc.clientID), 'presence to reach the peer');
    expect(other.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
    a.destroy();
    await until(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'presence to be removed');
  });

  it('forgets the presence of closed connections in a document that stays open', async () => {
    const stays = await connect('ex1', 'commission:k1');
    stays.provider.awareness.setLocalState({ userId: 'ex1', name: 'Examiner 1' });
    await until(() => server.service.stats().presence === 1, 'the first presence');
    for (let round = 0; round < 5; round++) {
      const visitor = await connect('ex2', 'commission:k1');
      visitor.provider.awareness.setLocalState({ userId: 'ex2', name: 'Examiner 2' });
      await until(
        () => stays.provider.awareness.getStates().has(visitor.doc.clientID),
        'the visitor’s presence',
      );
      visitor.destroy();
      await until(() => server.service.stats().connections === 1, 'the visitor to leave');
    }
    expect(server.service.stats().presence).toBe(1);
    expect(server.service.stats().rooms).toBeGreaterThan(0);
  });

  it('refuses presence that names another user or claims another connection’s client id', async () => {
    const a = await connect('ex1', 'commission:k1');
    const b = await connect('ex2', 'commission:k1');
    b.provider.awareness.setLocalState({ user: { id: 'ex1', name: 'Not me' } });
    await b.whenMessage('error');
    expect(b.of('error')[0]).toMatchObject({ reason: 'badValue' });
    expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(false);
  });

  /** ex1 present in K1, ex2 who sees it, and a raw connection of ex2 that speaks presence frames directly. */
  const presentWithRawPeer = async () => {
    const a = await connect('ex1', 'commission:k1');
    a.provider.awareness.setLocalState({ userId: 'ex1', name: 'Examiner 1' });
    const b = await connect('ex2', 'commission:k1');
    await until(() => b.provider.awareness.getStates().has(a.doc.clientID), 'presence to arrive');
    const raw = await new RawClient(server.url, 'commission:k1', {
      cookie: `cograde_session=${server.sessions.login('ex2')}`,
      origin: server.origin,
    }).opened();
    clients.push(raw);
    return { a, b, raw };
  };

  it('refuses presence for a client id another connection owns', async () => {
    const { a, b, raw } = await presentWithRawPeer();
    const theft = encoding.createEncoder();
    encoding.writeVarUint(theft, 1);
    encoding.writeVarUint(theft, a.doc.clientID);
    encoding.writeVarUint(theft, 99);
    encoding.writeVarString(theft, 'null');
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(theft));
    expect(await raw.exchange(encoding.toUint8Array(frame))).toMatchObject([
      { type: 'error', reason: 'forbidden' },
    ]);
    expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true);
  });

  it('leaves out, without an error, the echo of another connection’s presence that y-websocket clients send back', async () => {
    const { a, b, raw } = await presentWithRawPeer();
    // a's state as the server sent it (same clock), beside the raw client's own.
    const clock = b.provider.awareness.meta.get(a.doc.clientID)?.clock ?? 0;
    const echo = encoding.createEncoder();
    encoding.writeVarUint(echo, 2);
    encoding.writeVarUint(echo, a.doc.clientID);
    encoding.writeVarUint(echo, clock);
    encoding.writeVarString(echo, JSON.stringify({ userId: 'ex1', name: 'Examiner 1' }));
    encoding.writeVarUint(echo, 424242);
    encoding.writeVarUint(echo, 1);
    encoding.writeVarString(echo, JSON.stringify({ userId: 'ex2', name: 'Raw' }));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(echo));
    expect(await raw.exchange(encoding.toUint8Array(frame))).toEqual([]);
    await until(() => b.provider.awareness.getStates().has(424242), 'the raw client’s own presence');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({
      userId: 'ex1',
      name: 'Examiner 1',
    });
  });

  it('unloads idle documents and keeps no trace of closed connections', async () => {
    for (let round = 0; round < 3; round++) {
      const opened = await Promise.all([
        connect('ex1', 'commission:k1'),
        connect('ex2', 'private:k1:ex2'),
        connect('coord', 'exam:e1'),
      ]);
      opened[0]?.map('marks').set(`101:q1`, round);
      await opened[0]?.whenSaved();
      expect(server.service.stats().connections).toBe(3);
      for (const client of opened) client.destroy();
      clients.splice(0);
      await until(() => server.service.stats().connections === 0, 'connections to be forgotten');
      await until(() => server.service.stats().rooms === 0, 'rooms to unload');
    }
  });

  it('compacts a long update log into a snapshot without losing anything', async () => {
    await server.close();
    server = await startTestServer({ limits: { compactAfter: 20 } });
    const author = await connect('ex1', 'commission:k1');
    for (let i = 0; i < 60; i++) author.map('texts').set(`10${1 + (i % 3)}:comment`, `v${i}`);
    await author.whenSaved();
    await until(() => server.store.compactions > 0, 'a compaction');
    const stored = await storedDoc('commission:k1');
    expect(stored.getMap('texts').get('103:comment')).toBe('v59');
    expect((await server.store.load('commission:k1')).length).toBeLessThan(60);
  });

  it('compacts a long log when the document is loaded, too', async () => {
    await server.close();
    server = await startTestServer({ limits: { compactAfter: 5 } });
    // Written to storage directly, as a maintenance script or an older server would have left it.
    const source = new Y.Doc();
    source.on('update', (update: Uint8Array) => void server.store.append('private:k1:ex1', update));
    for (let i = 0; i < 8; i++) source.getMap('notes').set('101', `n${i}`);
    const compactions = server.store.compactions;
    const reader = await connect('ex1', 'private:k1:ex1');
    await until(() => server.store.compactions > compactions, 'a compaction');
    expect(reader.map('notes').get('101')).toBe('n7');
    expect(await server.store.load('private:k1:ex1')).toHaveLength(1);
  });

  it('refuses an update over the update limit and closes on a frame over the frame limit', async () => {
    await server.close();
    server = await startTestServer({ limits: { updateBytes: 1024, frameBytes: 8192 } });
    const credentials = { cookie: `cograde_session=${server.sessions.login('ex1')}`, origin: server.origin };
    const raw = await new RawClient(server.url, 'commission:k1', credentials).opened();
    clients.push(raw);
    const update = (bytes: number) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array(bytes));
      return encoding.toUint8Array(e);
    };
    expect(await raw.exchange(update(2000))).toMatchObject([
      { type: 'refused', reason: 'tooLarge', changes: [] },
    ]);
    raw.ws.send(update(10_000));
    await until(() => raw.closed, 'the oversized frame to close the connection');
    // The server is still up for everyone else.
    const client = await connect('ex1', 'commission:k1');
    client.map('marks').set('101:q1', 1);
    await client.whenSaved();
  });

  it('stores a sync update as it was sent, and the same update sent again is acknowledged, not stored', async () => {
    const raw = await new RawClient(server.url, 'commission:k1', {
      cookie: `cograde_session=${server.sessions.login('ex1')}`,
      origin: server.origin,
    }).opened();
    clients.push(raw);
    const local = await storedDoc('commission:k1');
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    local.getMap('marks').set('101:q1', 4);
    const [update] = updates;
    if (update === undefined) throw new Error('no update');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    const sent = encoding.toUint8Array(e);
    const types = (messages: Array<{ type: string }>) =>
      messages.map((m) => m.type).filter((type) => type !== 'access');
    const before = server.store.appends;
    expect(types(await raw.exchange(sent))).toEqual(['ack']);
    expect(server.store.appends).toBe(before + 1);
    expect((await server.store.load('commission:k1')).at(-1)).toEqual(update);
    // Re-sent (a client that did not hear the ack): held already, so acknowledged and not stored again.
    expect(types(await raw.exchange(sent))).toEqual(['ack']);
    expect(server.store.appends).toBe(before + 1);
    expect((await storedDoc('commission:k1')).getMap('marks').get('101:q1')).toBe(4);
  });

  it('answers an unknown message type and a text frame with an error and stays up', async () => {
    const raw = await new RawClient(server.url, 'commission:k1', {
      cookie: `cograde_session=${server.sessions.login('ex1')}`,
      origin: server.origin,
    }).opened();
    clients.push(raw);
    expect(await raw.exchange(new Uint8Array([42]))).toMatchObject([{ type: 'error', reason: 'badRequest' }]);
    expect(await raw.exchange(new Uint8Array([0, 9]))).toMatchObject([{ type: 'error' }]);
    expect(await raw.exchange(new Uint8Array([0, 2, 200]))).toMatchObject([
      { type: 'error', reason: 'undecodable' },
    ]);
    raw.ws.send('hello');
    expect(await raw.exchange(new Uint8Array([]))).toMatchObject([{ type: 'error' }, { type: 'error' }]);
  });
});
