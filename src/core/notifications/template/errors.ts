/**
 * A parse or execution error of a notification template. The message follows Go's
 * `template: <name>:<line>:<col>: <what>`; `line` is 1-based and `column` is Go's: the byte offset of
 * the offending node from the start of its line (0-based), so messages match the upstream controller's.
 * Go prints no column for parse errors; this one does, for the token the parser stopped at.
 */
export class TemplateError extends Error {
  readonly code = 'TemplateError';
  readonly retryable = false;
  readonly template: string;
  readonly line: number;
  readonly column: number;
  /** The message without the `template: name:line:col: ` prefix. */
  readonly reason: string;

  constructor(template: string, line: number, column: number, reason: string) {
    super(`template: ${template}:${line}:${column}: ${reason}`);
    this.name = 'TemplateError';
    this.template = template;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

const encoder = new TextEncoder();

/** Go's line and column of a UTF-16 `offset` into `text`. */
export function goPosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line += 1;
  return { line, column: encoder.encode(before.slice(lineStart)).length };
}

/** An error at `offset` of the template `text` named `name`. */
export function templateError(
  name: string,
  text: string,
  offset: number,
  reason: string,
): TemplateError {
  const { line, column } = goPosition(text, offset);
  return new TemplateError(name, line, column, reason);
}

/**
 * What a template function throws for a failed call; the executor names the function and position
 * (`error calling index: index out of range: 9`).
 */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}
