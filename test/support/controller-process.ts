import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface ControllerProcess {
  child: ChildProcess;
  /** The port, once the controller says it listens; rejects if it exits first. */
  listening: Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the controller's Node entry as its own process on a free port: `['--import', 'tsx',
 * 'functions/node.ts']` (the developer path) or `['dist/functions/node.js']` (what the image runs).
 */
export function startControllerProcess(
  args: string[],
  env: Record<string, string>,
): ControllerProcess {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  const listening = new Promise<number>((done, fail) => {
    child.stdout?.on('data', (c: Buffer) => {
      seen += c.toString();
      const port = /controller listening on :(\d+)/.exec(seen)?.[1];
      if (port) done(Number(port));
    });
    child.stderr?.on('data', (c: Buffer) => (seen += c.toString()));
    child.once('exit', (code) => fail(new Error(`controller exited with ${code}:\n${seen}`)));
  });
  listening.catch(() => undefined);
  return {
    child,
    listening,
    output: () => seen,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
