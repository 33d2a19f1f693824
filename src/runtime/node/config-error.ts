/**
 * Start-up configuration that cannot be used (STYLE: config is validated once, listing every
 * problem). Each problem names its variable, never its value: several are secrets.
 */
export class ConfigError extends Error {
  readonly code = 'ConfigError';
  readonly retryable = false;

  constructor(readonly problems: readonly string[]) {
    super(`configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Throws a {@link ConfigError} when `problems` holds any. */
export function assertNoProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}
