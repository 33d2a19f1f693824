import { FunctionError } from './errors.js';
import { fn, type FunctionTable } from './function.js';

const s = (v: unknown): string => v as string;

/**
 * Go's RE2 syntax as a JavaScript RegExp: the two differ little for what templates write; named
 * groups are spelled `(?P<name>…)` in Go. Sprig compiles with MustCompile, so a bad pattern fails
 * the call; `regexMatch` alone reports false.
 */
function compile(pattern: string, flags = 'gu'): RegExp {
  try {
    return new RegExp(pattern.replaceAll('(?P<', '(?<'), flags);
  } catch (error) {
    throw new FunctionError(
      `regexp: Compile(${JSON.stringify(pattern)}): ${(error as Error).message}`,
    );
  }
}

/** Go's `Regexp.Expand` template: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown names are empty. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (_all, whole, braced, bare) => {
      if (whole === '$') return '$';
      const name = (braced ?? bare) as string;
      const group = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
      return group ?? '';
    },
  );
}

function limit<T>(items: T[], n: bigint): T[] {
  return n < 0n ? items : items.slice(0, Number(n));
}

/** sprig's regular-expression functions. */
export const SPRIG_REGEX: FunctionTable = {
  regexMatch: fn(['string', 'string'], ([re, text]) => {
    try {
      return compile(s(re), 'u').test(s(text));
    } catch {
      return false;
    }
  }),
  regexFind: fn(['string', 'string'], ([re, text]) => compile(s(re), 'u').exec(s(text))?.[0] ?? ''),
  regexFindAll: fn(['string', 'string', 'int'], ([re, text, n]) =>
    limit(
      [...s(text).matchAll(compile(s(re)))].map((m) => m[0]),
      n as bigint,
    ),
  ),
  regexReplaceAll: fn(['string', 'string', 'string'], ([re, text, repl]) =>
    s(text).replace(compile(s(re)), (...args) => {
      const match = Object.assign([...args.slice(0, -2)] as unknown as RegExpExecArray, {
        groups:
          typeof args.at(-1) === 'object' ? (args.at(-1) as Record<string, string>) : undefined,
      });
      return expand(s(repl), match);
    }),
  ),
  regexReplaceAllLiteral: fn(['string', 'string', 'string'], ([re, text, repl]) =>
    s(text).replace(compile(s(re)), () => s(repl)),
  ),
  regexSplit: fn(['string', 'string', 'int'], ([re, text, n]) => {
    const parts = s(text).split(compile(s(re)));
    return (n as bigint) < 0n
      ? parts
      : [...parts.slice(0, Number(n) - 1), parts.slice(Number(n) - 1).join('')];
  }),
  regexQuoteMeta: fn(['string'], ([text]) => s(text).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};
