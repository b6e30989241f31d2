import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commissionDoc, markKey } from '@cograde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, until } from '../sync/test-client.ts';

/**
 * The workflow actions against the real server process and real y-websocket clients: what a REST action
 * writes reaches the examiners' open documents, and the sync server enforces it on their next edit.
 */
const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

describe('grading workflow, live (real server process, real clients)', () => {
  let child: ChildProcess;
  let port = 0;
  let exited: Promise<number | null>;
  const dir = mkdtempSync(join(tmpdir(), 'cograde-workflow-'));
  const origin = () => `http://localhost:${port}`;

  beforeAll(async () => {
    child = spawn(tsx, ['src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: '0',
        COGRADE_DATA_DIR: dir,
        COGRADE_ORIGINS: '',
        COGRADE_WEB_ROOT: join(tmpdir(), 'cograde-no-web'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((done) => child.on('exit', (code) => done(code)));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match) {
          port = Number(match[1]);
          resolve();
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const session = async (username: string) => {
    const res = await fetch(`${origin()}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: JSON.stringify({ username, password: 'cograde-demo' }),
    });
    return res.headers.get('set-cookie')?.split(';')[0] ?? '';
  };
  const post = (cookie: string, path: string, body: unknown = {}) =>
    fetch(`${origin()}/api${path}`, {
      method: 'POST',
      headers: { cookie, origin: origin(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const client = async (cookie: string) =>
    new TestClient(`ws://localhost:${port}/sync`, 'commission:K1', { cookie, origin: origin() }).whenSynced();

  it('R16 once an examiner is disqualified, the sync server refuses their edits for that candidate', async () => {
    const e1 = await session('examiner1');
    const examiner = await client(e1);
    try {
      expect(
        (await post(e1, '/commissions/K1/candidates/114/disqualify', { reason: 'conflict' })).status,
      ).toBe(200);
      await until(
        () => commissionDoc(examiner.doc).candidate('114')?.disqualified.includes('examiner1') ?? false,
        'the disqualification to reach the examiner',
      );
      examiner.doc.getMap('marks').set(markKey('114', 'q3'), 4);
      await examiner.whenMessage('refused');
      expect(examiner.of('refused')[0]?.changes[0]?.reason).toBe('unknownCandidate');
    } finally {
      examiner.destroy();
    }
  });

  it('R12 an accepted import reaches the examiners and does not lock: their edits are still accepted', async () => {
    const coordinator = await session('coordinator');
    const examiner = await client(await session('examiner2'));
    try {
      const upload = await post(coordinator, '/exams/inf1010/grade-imports', {
        fileName: 'grades.csv',
        content: Buffer.from('candidate,grade\n116,B\n').toString('base64'),
      });
      const { importId } = (await upload.json()) as { importId: string };
      expect((await post(coordinator, `/exams/inf1010/grade-imports/${importId}/accept`)).status).toBe(200);
      await until(() => commissionDoc(examiner.doc).imported('116')?.grade === 'B', 'the imported grade');
      examiner.doc.getMap('marks').set(markKey('116', 'q6'), 7);
      await examiner.whenSaved();
      expect(examiner.of('refused')).toEqual([]);
    } finally {
      examiner.destroy();
    }
  });

  it('R18 a corrected answer key reaches every open commission document at once', async () => {
    const coordinator = await session('coordinator');
    const examiner = await client(await session('examiner1'));
    try {
      const res = await post(coordinator, '/exams/inf1010/questions/q2/answer-key', { answerKey: ['A'] });
      const body = (await res.json()) as {
        changes: Array<{ commissionId: string; candidate: string; after: number }>;
      };
      const k1 = body.changes.filter((c) => c.commissionId === 'K1');
      expect(k1.length).toBeGreaterThan(0);
      await until(
        () => k1.every((c) => commissionDoc(examiner.doc).autoPoints(c.candidate, 'q2') === c.after),
        'the recomputed auto points',
      );
    } finally {
      examiner.destroy();
    }
  });
});
