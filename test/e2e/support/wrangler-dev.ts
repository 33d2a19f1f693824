import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../../functions/real-cluster/processes.js';
import { REPO_ROOT } from '../../support/controller-process.js';

/** The Worker under `wrangler dev` (workerd, local Durable Objects), as README's Workers section runs it. */
export interface WranglerDev {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  /** Scratch dir: the bindings file and the local Durable Object state. */
  dir: string;
  /** Secrets and vars (KUBE_SERVER, KUBE_TOKEN, HOOK_SECRET…), written to an env file, never argv. */
  bindings: Record<string, string>;
  /**
   * A CA bundle for the Worker's outbound TLS: miniflare reads NODE_EXTRA_CA_CERTS when it loads
   * and adds it to workerd's trusted certificates for the `internet` service.
   */
  caFile?: string;
  timeoutMs?: number;
}

/**
 * Starts `wrangler dev` on free ports (HTTP and inspector) and resolves when it is ready. Kept off
 * the Internet: no banner (its update check asks the npm registry), no `Request.cf` download, no
 * metrics. Its process group is ended on `stop()`: wrangler's workerd child outlives a plain kill.
 */
export async function startWranglerDev(opts: WranglerDevOptions): Promise<WranglerDev> {
  const envFile = join(opts.dir, 'worker.env');
  await writeFile(
    envFile,
    Object.entries(opts.bindings)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 },
  );
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = [
    'dev',
    '--ip=127.0.0.1',
    `--port=${port}`,
    `--inspector-port=${inspectorPort}`,
    `--env-file=${envFile}`,
    `--persist-to=${join(opts.dir, 'wrangler-state')}`,
    '--test-scheduled',
    '--show-interactive-dev-session=false',
  ];
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      NO_COLOR: '1',
      ...(opts.caFile ? { NODE_EXTRA_CA_CERTS: opts.caFile } : {}),
    },
  });
  let seen = '';
  child.stdout?.on('data', (c: Buffer) => (seen += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (seen += c.toString()));
  const stop = () => stopGroup(child);
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`wrangler dev not ready in time:\n${seen}`)),
        opts.timeoutMs ?? 60_000,
      );
      // A bundling error leaves wrangler waiting for the next edit: say so at once.
      const check = () => {
        const failed = seen.includes('Build failed');
        if (!failed && !seen.includes(`Ready on http://127.0.0.1:${port}`)) return;
        clearTimeout(timer);
        if (failed) fail(new Error(`wrangler dev could not bundle the Worker:\n${seen}`));
        else done();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`wrangler dev exited with ${String(code)}:\n${seen}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${port}`, output: () => seen, stop };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise((done) => child.once('exit', done));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await gone;
}
