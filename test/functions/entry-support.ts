import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import { loadCrds } from '../manifests/helpers.js';
import { REPO_ROOT } from '../support/controller-process.js';

/**
 * What the per-variable entry-point tests share: the entry points built once as the image runs
 * them, a devcluster with the CRDs and its kubeconfig, a process started with exactly the
 * environment a test names (nothing inherited from the shell running the tests), and local HTTP
 * endpoints that record what reaches them.
 */
export const ROOT = REPO_ROOT;
const run = promisify(execFile);

/** `npm run build` into a temporary directory; returns it (dist/functions/node.js is `${dir}/functions/node.js`). */
export async function buildEntries(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'entry-build-'));
  await run(process.execPath, ['scripts/build.mjs', '--outdir', out, '--standalone'], {
    cwd: ROOT,
  });
  return out;
}

export interface TestCluster {
  cluster: DevCluster;
  kubeconfig: string;
  dir: string;
  close(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const cluster = await startDevCluster({ host: '127.0.0.1', port: 0, podReadySeconds: 0 });
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of loadCrds()) cluster.api.create(crdDef, undefined, crd);
  const dir = await mkdtemp(join(tmpdir(), 'entry-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigFor(cluster.url));
  return {
    cluster,
    kubeconfig,
    dir,
    async close() {
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface EntryProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when `pattern` appears in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `node <args>` in `cwd` with only PATH, HOME and `env` set. */
export function startEntry(
  args: string[],
  env: Record<string, string>,
  cwd: string = ROOT,
): EntryProcess {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  const waiters = new Set<() => void>();
  const onData = (c: Buffer) => {
    seen += c.toString();
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    output: () => seen,
    exited,
    waitFor(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(seen);
          if (!m) return;
          finish();
          resolve(m);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out waiting for ${String(pattern)}:\n${seen}`));
        }, ms);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exited.then((code) => {
          finish();
          reject(new Error(`exited with ${String(code)} before ${String(pattern)}:\n${seen}`));
        });
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local endpoint that records every request and answers with `reply` (JSON). */
export async function startRecorder(
  reply: (req: Recorded) => unknown,
): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply(recorded)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Polls until `probe` returns a value other than undefined. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
