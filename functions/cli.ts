/**
 * `rollouts` / `kubectl rollouts` (spec §5): the Node entry of the CLI in src/cli. It loads the
 * kubeconfig through @kubernetes/client-node (files, exec plugins, client certificates) and wires
 * process I/O; everything else is src/cli's.
 */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { KubeClient } from '../src/adapters/kube/index.js';
import { type CliDeps, runCli } from '../src/cli/index.js';
import { listKubeconfigContexts } from '../src/runtime/node/kubeconfig/index.js';
import { connectWithKubeconfig } from './node-kube.js';

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export function nodeCliDeps(signal: AbortSignal): CliDeps {
  return {
    io: {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      isTTY: process.stdout.isTTY === true,
    },
    env: process.env,
    connect(opts) {
      const conn = connectWithKubeconfig(
        opts.kubeconfig,
        opts.context !== undefined ? { context: opts.context } : {},
      );
      const kube = new KubeClient({
        server: conn.server,
        fetch: (url, init) => conn.fetch(url.slice(conn.server.length), init),
        timeoutMs: 15_000,
      });
      return {
        kube,
        server: conn.server,
        ...(conn.namespace ? { namespace: conn.namespace } : {}),
      };
    },
    contexts: (opts) => listKubeconfigContexts(opts.kubeconfig),
    now: () => Date.now(),
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
      }),
    readFile: (path) => readFile(path, 'utf8'),
    signal,
    actor: actor(),
  };
}

/** Runs the CLI on this process's arguments and sets its exit code; Ctrl-C ends a watch. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  process.exitCode = await runCli(argv, nodeCliDeps(ac.signal));
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
