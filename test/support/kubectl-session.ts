import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import {
  kubeconfigFor,
  startDevCluster,
  type DevCluster,
  type DevClusterOptions,
} from '../../src/devcluster/index.js';

const run = promisify(execFile);

/** The first line of `kubectl version --client`, or undefined when kubectl is not on PATH. */
export const kubectlVersion: string | undefined = (() => {
  try {
    return execFileSync('kubectl', ['version', '--client'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).split('\n')[0];
  } catch {
    return undefined;
  }
})();

/** `describe` when kubectl is present (`.ci/run` installs Debian's kubernetes-client), else `describe.skip`. */
export const describeKubectl = kubectlVersion ? describe : describe.skip;

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** A devcluster plus a real kubectl pointed at it, with its own scratch dir. */
export interface KubectlSession {
  cluster: DevCluster;
  /** Scratch dir for files to pass with `-f`; also kubectl's HOME. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs kubectl; a non-zero exit is a result, not a throw. */
  kubectl(...args: string[]): Promise<KubectlResult>;
  /** Runs kubectl and returns stdout; a non-zero exit throws with stderr. */
  ok(...args: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startKubectlSession(opts: {
  prefix: string;
  cwd?: string;
  cluster?: DevClusterOptions;
}): Promise<KubectlSession> {
  const cluster = await startDevCluster(opts.cluster);
  const dir = await mkdtemp(join(tmpdir(), `${opts.prefix}-`));
  await writeFile(join(dir, 'kubeconfig'), kubeconfigFor(cluster.url));
  // A private HOME keeps kubectl's discovery cache out of the user's.
  const env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir };
  return {
    cluster,
    dir,
    env,
    ...kubectlRunner(env, opts.cwd),
    async close() {
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** kubectl with `env` (its KUBECONFIG and HOME): `kubectl` reports a non-zero exit, `ok` throws it. */
export function kubectlRunner(
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Pick<KubectlSession, 'kubectl' | 'ok'> {
  const kubectl = async (...args: string[]): Promise<KubectlResult> => {
    try {
      const { stdout, stderr } = await run('kubectl', args, {
        env,
        timeout: 30_000,
        ...(cwd ? { cwd } : {}),
      });
      return { stdout, stderr, code: 0 };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; code?: number };
      return {
        stdout: err.stdout ?? '',
        stderr: err.stderr ?? '',
        code: typeof err.code === 'number' ? err.code : 1,
      };
    }
  };
  return {
    kubectl,
    async ok(...args) {
      const r = await kubectl(...args);
      if (r.code !== 0)
        throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    },
  };
}
