/** The harness's side of the load processes: fork, send a command, await its reply. */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadCommand } from './load.ts';

export type LoadProcess = { send<T>(cmd: LoadCommand): Promise<T>; stop(): Promise<void>; pid: number };

export const forkLoad = (): LoadProcess => {
  // BENCH_LOAD_CPU_PROF_DIR profiles every load process (one `.cpuprofile` each), to see the clients' side.
  const profDir = process.env.BENCH_LOAD_CPU_PROF_DIR;
  const child: ChildProcess = fork(join(import.meta.dirname, 'load.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      '--max-old-space-size=2048',
      ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let queue = Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? 0,
    send<T>(cmd: LoadCommand) {
      const reply = queue.then(
        () =>
          new Promise<T>((resolve, reject) => {
            const onExit = () => reject(new Error(`load process exited during ${cmd.op}`));
            child.once('exit', onExit);
            child.once('message', (m: { ok: boolean; result?: T; error?: string }) => {
              child.off('exit', onExit);
              if (m.ok) resolve(m.result as T);
              else reject(new Error(m.error));
            });
            child.send(cmd);
          }),
      );
      queue = reply.then(
        () => undefined,
        () => undefined,
      );
      return reply;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};

/** Runs one command per load process at the same time. */
export const all = <T>(loads: LoadProcess[], cmd: (i: number) => LoadCommand | null) =>
  Promise.all(
    loads.map((l, i) => {
      const c = cmd(i);
      return c === null ? Promise.resolve(null as T) : l.send<T>(c);
    }),
  );
