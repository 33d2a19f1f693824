/** A script the devcluster cannot run faithfully; the caller falls back to its conventions. */
export class Undecidable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Undecidable';
  }
}

/**
 * A shell error that ends a non-interactive `sh -c` (bad number, bad test syntax, division by
 * zero): dash and busybox ash exit with status 2.
 */
export class ShellExit extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'ShellExit';
  }
}
