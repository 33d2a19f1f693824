import { KubeStatusError } from './status-error.js';

/**
 * How deeply a request body or a stored object may nest. The API server's JSON decoder (Go's
 * encoding/json) stops at 10,000 levels with "exceeded max depth"; the devcluster's own walks
 * (patches, schema validation, pruning, defaulting, equality) recurse on the JS stack, which holds
 * about 1,500 levels, so it stops at 1,000: far above any real object (a Pod nests about 12 deep).
 */
export const MAX_NESTING_DEPTH = 1000;

/**
 * The position of the first `{` or `[` that opens level `limit + 1` of a JSON text, or -1. A flat
 * scan (strings skipped), so it runs before anything recursive sees the text.
 */
export function jsonTextTooDeepAt(text: string, limit = MAX_NESTING_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** True when a decoded value nests deeper than `limit` objects/arrays. Iterative: safe at any depth. */
export function valueTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The 400 the API server answers for a body past its depth limit: its decoder's
 * `invalid character '{' exceeded max depth`, wrapped as its create/update handlers wrap decode
 * errors, plus the devcluster's limit.
 */
export function tooDeepError(
  kind: string | undefined,
  opener = '{',
  limit = MAX_NESTING_DEPTH,
): KubeStatusError {
  const cause = `json parse error: invalid character '${opener}' exceeded max depth (the devcluster allows ${limit} levels of nesting${limit === MAX_NESTING_DEPTH ? '' : ' in YAML'})`;
  const message = kind
    ? `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; ${cause}`
    : cause;
  return new KubeStatusError(400, 'BadRequest', message);
}

/** A JS stack overflow: what a walk deeper than the checks above would hit. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * The YAML parser the devcluster uses recurses deeper per level than its own walks, and near the
 * stack limit V8 can abort the process rather than throw; YAML bodies (rare: kubectl sends JSON,
 * which is read as JSON whatever the type) therefore get a lower limit, checked on the text.
 */
export const MAX_YAML_NESTING_DEPTH = 256;

const OPENS_SCALAR = new Set(['', ' ', '[', '{', ',', ':', '-', '?']);

/**
 * An upper estimate of a YAML text's nesting, from a flat scan: block levels by indentation, plus
 * `- `/`? ` markers opening nested collections on one line, plus open flow brackets outside
 * quoted scalars. It may overcount (block scalars, multi-line quotes), never undercount.
 */
export function yamlTextTooDeep(text: string, limit = MAX_YAML_NESTING_DEPTH): boolean {
  const indents: number[] = [];
  let flow = 0;
  for (const line of text.split('\n')) {
    let i = 0;
    while (line[i] === ' ') i++;
    if (i === line.length || line[i] === '#') continue;
    if (flow === 0) {
      while (indents.length && (indents[indents.length - 1] ?? 0) >= i) indents.pop();
      indents.push(i);
    }
    let markers = 0;
    while ((line[i] === '-' || line[i] === '?') && (line[i + 1] === ' ' || i + 1 === line.length)) {
      markers++;
      i += 1;
      while (line[i] === ' ') i++;
    }
    let deepest = flow;
    let quote = '';
    for (let prev = ''; i < line.length; i++) {
      const c = line[i] ?? '';
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if ((c === '"' || c === "'") && OPENS_SCALAR.has(prev)) quote = c;
      else if (c === '#' && prev === ' ') break;
      else if (c === '[' || c === '{') deepest = Math.max(deepest, ++flow);
      else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
      if (c !== ' ') prev = c;
    }
    if (indents.length + markers + deepest > limit) return true;
  }
  return false;
}
