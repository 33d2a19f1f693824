import { ExprError } from './errors.js';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/**
 * Compiles a Go RE2 pattern (what `matches` takes) into a JS RegExp: leading `(?ims)` flags, `(?P<name>`,
 * `\A`, `\z` and POSIX classes are translated; the rest of RE2 syntax is shared with JS.
 */
export function compileGoRegex(pattern: string): RegExp {
  let source = pattern;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    if (leading[1]?.includes('U'))
      throw new ExprError(
        `error parsing regexp: ungreedy flag (?U) is not supported: \`${pattern}\``,
      );
    flags = [...new Set(leading[1])].join('');
    source = source.slice(leading[0].length);
  }
  source = source
    .replaceAll('(?P<', '(?<')
    .replaceAll('\\A', '(?<![\\s\\S])')
    .replaceAll('\\z', '(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) => {
      const chars = POSIX_CLASSES[name];
      return chars === undefined || negated !== '' ? whole : chars;
    });
  for (const extra of ['u', '']) {
    try {
      return new RegExp(source, flags + extra);
    } catch {
      // Go accepts escapes such as `\-` or `\@` that unicode mode rejects; retry without it.
    }
  }
  throw new ExprError(`error parsing regexp: invalid pattern: \`${pattern}\``);
}
