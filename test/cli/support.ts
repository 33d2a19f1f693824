import { KubeClient } from '../../src/adapters/kube/index.js';
import { type CliDeps, runCli } from '../../src/cli/index.js';
import type { World } from '../controller/world.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  isTTY?: boolean;
  env?: Record<string, string>;
  kube?: KubeClient;
  server?: string;
  files?: Record<string, string>;
  /** What waiting between polls does; default: advance the world's clock and reconcile. */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/** Runs the CLI in-process against the world's devcluster; its waits move the manual clock. */
export async function rollouts(w: World, argv: string[], opts: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const deps: CliDeps = {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: opts.isTTY ?? false },
    env: opts.env ?? {},
    connect: () => ({ kube: opts.kube ?? w.kube, server: opts.server ?? w.h.url }),
    contexts: () => ['test'],
    now: () => w.h.clock.now(),
    sleep: opts.sleep ?? ((ms) => w.advance(ms)),
    readFile: (path) => {
      const text = opts.files?.[path];
      return text === undefined
        ? Promise.reject(new Error(`open ${path}: no such file or directory`))
        : Promise.resolve(text);
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    actor: 'cli:test',
  };
  const code = await runCli(argv, deps);
  return { code, stdout, stderr };
}

export function forbiddenKube(): KubeClient {
  return new KubeClient({
    server: 'https://kube.test',
    fetch: () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            code: 403,
            reason: 'Forbidden',
            message: 'rollouts.argoproj.io "shop" is forbidden: User "bob" cannot patch resource',
          }),
          { status: 403 },
        ),
      ),
  });
}

/** The tree section (after the header) cut into its columns by the header's column positions. */
export function treeRows(stdout: string): string[][] {
  const lines = stdout
    .slice(stdout.indexOf('NAME '))
    .trimEnd()
    .split('\n')
    .map((l) => [...l]);
  const head = (lines[0] ?? []).join('');
  const starts = ['NAME', 'KIND', 'STATUS', 'AGE', 'INFO'].map((c) => head.indexOf(c));
  return lines.map((chars) => {
    const cells = starts.map((start, i) =>
      chars
        .slice(start, starts[i + 1] ?? chars.length)
        .join('')
        .trimEnd(),
    );
    while (cells.length > 1 && cells.at(-1) === '') cells.pop();
    return cells;
  });
}
