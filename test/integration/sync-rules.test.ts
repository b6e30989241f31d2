import { privateDoc } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestClient, until } from './helpers/clients.ts';
import { login, removeDataDir, type ServerProcess, startServer } from './helpers/server.ts';

/** The grading rules the sync server enforces, against the running server and its demo data. */
let server: ServerProcess;
const creds: Record<string, { cookie: string; origin: string }> = {};

beforeAll(async () => {
  server = await startServer();
  for (const user of ['examiner1', 'examiner2', 'examiner3']) creds[user] = await login(server, user);
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (server) removeDataDir(server.dataDir);
});

const connect = (user: string, name: string, doc?: Y.Doc) =>
  new TestClient(server.syncUrl, name, creds[user] as { cookie: string; origin: string }, doc).whenSynced();

describe('rules on the running server', () => {
  it('R6 refuses a late offline edit to a registered candidate, tells the author, keeps it, and the author converges', async () => {
    const author = await connect('examiner1', 'commission:K1');
    const peer = await connect('examiner2', 'commission:K1');
    // Candidate 101's final grade is registered in the demo: it is locked.
    expect(author.map('finals').has('101')).toBe(true);
    const peerSaw: unknown[] = [];
    peer.map('texts').observe(() => peerSaw.push(peer.map('texts').get('101:explanation')));

    author.provider.disconnect();
    author.map('texts').set('101:explanation', 'Written offline, after the lock');
    author.map('texts').set('114:comment', 'Also written offline');
    author.provider.connect();
    await author.whenMessage('refused');
    const refused = author.of('refused')[0];
    expect(refused).toMatchObject({ reason: 'locked' });
    expect(refused?.changes.map((c) => c.key)).toEqual(['101:explanation']);

    const own = await connect('examiner1', 'private:K1:examiner1');
    await until(() => privateDoc(own.doc).refusals().length > 0, 'the refusal in the private document');
    expect(privateDoc(own.doc).refusals()[0]).toMatchObject({
      docName: 'commission:K1',
      reason: 'locked',
      changes: [
        { root: 'texts', key: '101:explanation', value: 'Written offline, after the lock', deleted: false },
      ],
    });

    // Converge: rebuild from the server and re-apply what was not refused.
    const replay = author.map('texts').get('114:comment');
    author.destroy();
    const rebuilt = await connect('examiner1', 'commission:K1');
    rebuilt.map('texts').set('114:comment', replay);
    await rebuilt.whenSaved();
    await until(
      () => peer.map('texts').get('114:comment') === 'Also written offline',
      'the replay to reach the peer',
    );
    expect(peer.map('texts').get('101:explanation')).not.toBe('Written offline, after the lock');
    expect(peerSaw).not.toContain('Written offline, after the lock');
    expect(Y.encodeStateVector(rebuilt.doc)).toEqual(Y.encodeStateVector(peer.doc));
    for (const client of [rebuilt, peer, own]) client.destroy();
  });

  it('R20 private notes sent to the shared document are refused and nobody sees them', async () => {
    const shared = await connect('examiner2', 'commission:K1');
    shared.map('notes').set('113', 'a private note, sent to the shared document');
    await shared.whenMessage('refused');
    expect(shared.of('refused')[0]).toMatchObject({ reason: 'unknownRoot' });
    const other = await connect('examiner1', 'commission:K1');
    expect(other.map('notes').size).toBe(0);
    for (const client of [shared, other]) client.destroy();
  });
});
