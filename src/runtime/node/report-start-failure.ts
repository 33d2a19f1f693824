import { ConfigError } from './config-error.js';

/**
 * How an entry point ends when start-up fails: a configuration problem is said in one line
 * (exit 2, no stack trace), anything else as it is (exit 1). Returns the exit code.
 */
export function reportStartFailure(e: unknown, log: (line: string) => void): number {
  if (e instanceof ConfigError) {
    log(e.message);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  const hint =
    err.code === 'EADDRINUSE'
      ? ' (is another controller or `npm start` running? choose other ports with KUBE_PORT and PORT)'
      : '';
  log(`start-up failed: ${err instanceof Error ? err.message : String(e)}${hint}`);
  return 1;
}
