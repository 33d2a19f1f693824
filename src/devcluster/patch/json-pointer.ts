import { malformedPatch } from './errors.js';

/**
 * Splits a JSON Pointer (RFC 6901 §3–4) into unescaped reference tokens; `''` is the whole document.
 * `~1` becomes `/` before `~0` becomes `~`, so `~01` is the literal `~1`.
 * https://www.rfc-editor.org/rfc/rfc6901#section-4
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw malformedPatch(`JSON pointer "${pointer}" must be empty or start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~(?![01])/.test(token)) {
        throw malformedPatch(
          `JSON pointer "${pointer}" has an invalid escape (only ~0 and ~1 are allowed)`,
        );
      }
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** True when `prefix` names a proper ancestor of `tokens` (e.g. /a is an ancestor of /a/b). */
export function isProperPrefix(prefix: readonly string[], tokens: readonly string[]): boolean {
  return prefix.length < tokens.length && prefix.every((token, i) => token === tokens[i]);
}

/** Array index per RFC 6902 §4: decimal without leading zeros; `-` (past the end) is handled by callers. */
export function parseArrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** The pointer naming `tokens`, escaped again, for error messages. */
export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
