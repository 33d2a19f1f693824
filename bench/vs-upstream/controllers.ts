/**
 * The two controllers under test, each as it ships: ours built by `npm run build` and run by
 * Node (not through tsx), upstream's `rollouts-controller` v1.10.2 binary with its default flags
 * (QPS 40, burst 80, 10 Rollout workers) bar leader election and ports.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, startControllerProcess } from '../../test/support/controller-process.js';
import { startUpstreamController } from '../../test/upstream/differential/harness.js';

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
  // The differential harness's start: the same binary, flags and log handling.
  const running = await startUpstreamController(kubeconfig, logFile);
  return { name: 'upstream', ...running };
}
