/**
 * Unquotes a '…' or "…" literal as expr's `parser/unescape.go` does: Go/SQL escapes, `\xNN`, `\uNNNN`,
 * `\UNNNNNNNN` and three-digit octal `\[0-3][0-7][0-7]`. Returns an error message instead of throwing.
 */
export function unescapeLiteral(quoted: string): { value: string } | { error: string } {
  const body = quoted.replace(/\r\n?/g, '\n').slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length;) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      out += c;
      i += 1;
      continue;
    }
    if (i + 1 >= body.length)
      return { error: "unable to unescape string, found '\\' as last character" };
    const e = body[i + 1] ?? '';
    i += 2;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const width = HEX_WIDTH[e];
    if (width !== undefined) {
      const digits = body.slice(i, i + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits))
        return { error: 'unable to unescape string' };
      const cp = Number.parseInt(digits, 16);
      if (cp > 0x10ffff) return { error: 'unable to unescape string' };
      out +=
        e === 'u' && cp >= 0xd800 && cp <= 0xdfff
          ? String.fromCharCode(cp)
          : String.fromCodePoint(cp);
      i += width;
      continue;
    }
    if (/[0-3]/.test(e)) {
      const rest = body.slice(i, i + 2);
      if (!/^[0-7]{2}$/.test(rest)) return { error: 'unable to unescape octal sequence in string' };
      out += String.fromCodePoint(Number.parseInt(e + rest, 8));
      i += 2;
      continue;
    }
    return { error: 'unable to unescape string' };
  }
  return { value: out };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
  '?': '?',
};

const HEX_WIDTH: Readonly<Record<string, number>> = { x: 2, X: 2, u: 4, U: 8 };
