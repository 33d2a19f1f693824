/**
 * The upstream peer as test-time tools (issue 17): Argo Rollouts' own kubectl plugin and our
 * runner for Argo CD's Lua health checks, both built by `npm run tools:upstream` into
 * .rollouts/bin/, and the pinned Argo CD module in the Go module cache that holds the scripts.
 */
import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { binDir } from '../../functions/real-cluster/binaries.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

export const UPSTREAM_BUILD_COMMAND = 'npm run tools:upstream';
export const UPSTREAM_BINARIES = ['kubectl-argo-rollouts', 'argocd-health'] as const;

export async function findMissingUpstreamBinaries(): Promise<string[]> {
  const missing: string[] = [];
  for (const name of UPSTREAM_BINARIES) {
    await access(join(binDir, name), constants.X_OK).catch(() => missing.push(name));
  }
  return missing;
}

/**
 * Where the pinned Argo CD module lies in the Go module cache (tools/argocd-health/dir.sh; it
 * downloads the module, hash-checked, when the cache lacks it), or undefined without Go.
 */
export async function findArgoCdModuleDir(): Promise<string | undefined> {
  try {
    const { stdout } = await run('bash', [join(root, 'tools/argocd-health/dir.sh')], {
      timeout: 120_000,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** The exit code; a command killed by its timeout reports `null`. */
  code: number | null;
}

/** Runs a command to its end (or until `timeoutMs`); a non-zero exit is a result, not a throw. */
export function runCommand(
  file: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string },
): Promise<CommandResult> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, {
      env: opts.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ stdout, stderr, code });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Starts a command that does not end by itself (`get rollout --watch`), returns its output once
 * `isComplete` accepts it (the first full frame), and stops it.
 */
export function readFirstFrame(
  file: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; isComplete: (out: string) => boolean; timeoutMs?: number },
): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (error) fail(error);
      else done(out);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(`no complete frame from ${args.join(' ')} in time; got:\n${out}\n${stderr}`),
        ),
      opts.timeoutMs ?? 30_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (opts.isComplete(out)) finish();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (e) => finish(e));
    child.on('close', (code) =>
      finish(
        new Error(
          `${args.join(' ')} exited (${String(code)}) before a full frame:\n${out}\n${stderr}`,
        ),
      ),
    );
  });
}

/** The environment the plugin runs in: .rollouts/bin first on PATH, so `kubectl argo rollouts` finds it. */
export function pluginEnv(kubeconfig: string, home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KUBECONFIG: kubeconfig,
    HOME: home,
    PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
  };
}

export interface ArgoCdHealth {
  status: string;
  message: string;
}

/** Argo CD's health of `obj`, from its own Lua script for the object's kind (read from `moduleDir`). */
export async function assessArgoCdHealth(obj: unknown, moduleDir: string): Promise<ArgoCdHealth> {
  const result = await runCommand(join(binDir, 'argocd-health'), ['-dir', moduleDir], {
    env: process.env,
    input: JSON.stringify(obj),
    timeoutMs: 10_000,
  });
  if (result.code !== 0)
    throw new Error(`argocd-health failed (${String(result.code)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as ArgoCdHealth;
}
