/** Where a syntax error was found: a 0-based offset into the source, and 1-based line and column. */
export interface ExprPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * A parse or evaluation error of a condition expression. `reason` is expr's bare message (what Argo
 * Rollouts puts into a measurement, spec §2.3); `message` adds ` (line:column)` for syntax errors.
 */
export class ExprError extends Error {
  readonly code = 'ExprError';
  readonly retryable = false;
  readonly reason: string;
  readonly position: ExprPosition | undefined;

  constructor(reason: string, position?: ExprPosition) {
    super(position === undefined ? reason : `${reason} (${position.line}:${position.column})`);
    this.name = 'ExprError';
    this.reason = reason;
    this.position = position;
  }
}

/** A syntax error at `offset` of `source`. */
export function syntaxError(source: string, offset: number, reason: string): ExprError {
  const before = source.slice(0, Math.max(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return new ExprError(reason, { offset, line, column: offset - lineStart + 1 });
}
