/**
 * The two controllers under test, each as it ships: ours built by `npm run build` and run by
 * Node (not through tsx), upstream's `rollouts-controller` v1.10.2 binary with its default flags
 * (QPS 40, burst 80, 10 Rollout workers) bar leader election and ports.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { binDir } from '../../functions/real-cluster/binaries.js';
import { freePort } from '../../functions/real-cluster/processes.js';
import { REPO_ROOT, startControllerProcess } from '../../test/support/controller-process.js';

export type ControllerName = 'ours' | 'upstream';

export interface ControllerUnderTest {
  name: ControllerName;
  pid: number;
  stop(): Promise<void>;
}

/** `npm run build` into `outdir` (outside the checkout: --standalone); returns the entry to run. */
export function buildOurs(outdir: string): string {
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir, '--standalone'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  return join(outdir, 'functions', 'node.js');
}

export async function startOurs(entry: string, kubeconfig: string): Promise<ControllerUnderTest> {
  const child = startControllerProcess(['--enable-source-maps', entry], { KUBECONFIG: kubeconfig });
  await child.listening;
  return { name: 'ours', pid: child.child.pid ?? 0, stop: () => child.stop() };
}

export async function startUpstream(
  kubeconfig: string,
  logFile: string,
): Promise<ControllerUnderTest> {
  const args = [
    '--kubeconfig',
    kubeconfig,
    '--leader-elect=false',
    '--loglevel',
    'warn',
    '--healthzPort',
    String(await freePort()),
    '--metricsPort',
    String(await freePort()),
  ];
  const child = spawn(join(binDir, 'rollouts-controller'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    name: 'upstream',
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}
