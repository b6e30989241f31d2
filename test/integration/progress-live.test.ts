import { commissionDoc, progressDoc } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, until } from './helpers/clients.ts';
import { login, removeDataDir, type ServerProcess, startServer } from './helpers/server.ts';

/** Coordinators' progress follows the examiners' typing, not only server actions (R14 dashboard). */
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (server) removeDataDir(server.dataDir);
});

describe('the progress document', () => {
  it('R14 counts a candidate as graded soon after the last mark is typed over the WebSocket', async () => {
    const coordinator = await new TestClient(
      server.syncUrl,
      'progress:inf1010',
      await login(server, 'coordinator'),
    ).whenSynced();
    const graded = () =>
      progressDoc(coordinator.doc)
        .commissions()
        .find((c) => c.commissionId === 'K1')?.graded;
    const before = graded();
    expect(before).toBeTypeOf('number');

    const examiner = await new TestClient(
      server.syncUrl,
      'commission:K1',
      await login(server, 'examiner1'),
    ).whenSynced();
    const k1 = commissionDoc(examiner.doc);
    // Candidate 120 is untouched in the demo: give every manual question points.
    for (const question of ['q3', 'q4', 'q5', 'q6', 'q7', 'q8']) k1.setMark('120', question, 5);
    await examiner.whenSaved();
    await until(
      () => graded() === (before ?? 0) + 1,
      'the progress document to count candidate 120 as graded',
    );
    examiner.destroy();
    coordinator.destroy();
  });

  it('R14 lists the examiners present in a commission for the supervisor, and drops them when they leave', async () => {
    const supervisor = await new TestClient(
      server.syncUrl,
      'progress:inf1010',
      await login(server, 'supervisor'),
    ).whenSynced();
    const online = () =>
      progressDoc(supervisor.doc)
        .commissions()
        .find((c) => c.commissionId === 'K2')?.online;
    expect(online()).toEqual([]);

    const examiner = await new TestClient(
      server.syncUrl,
      'commission:K2',
      await login(server, 'examiner2'),
    ).whenSynced();
    examiner.provider.awareness.setLocalState({ userId: 'examiner2', name: 'Ingrid Berg' });
    // A coordinator looking at the commission is not one of its examiners: not listed.
    const coordinator = await new TestClient(
      server.syncUrl,
      'commission:K2',
      await login(server, 'coordinator'),
    ).whenSynced();
    coordinator.provider.awareness.setLocalState({ userId: 'coordinator', name: 'Coordinator' });
    await until(() => online()?.join() === 'examiner2', 'examiner2 to be listed online in K2');

    examiner.destroy();
    await until(() => online()?.length === 0, 'examiner2 to leave the online list of K2');
    coordinator.destroy();
    supervisor.destroy();
  });
});
