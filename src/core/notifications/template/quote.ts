const ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
};

/** Printable ASCII without backslashes: nothing to escape but the quote itself. */
const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;

/** Go's `strconv.Quote` (or `QuoteRune` with `'`): printable characters kept, the rest escaped. */
export function goQuote(text: string, quote: '"' | "'" = '"'): string {
  if (PLAIN.test(text) && !text.includes(quote)) return quote + text + quote;
  let out = quote;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (c === quote) out += `\\${c}`;
    else if (ESCAPES[c] !== undefined) out += ESCAPES[c];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(c)) out += escapeUnicode(code);
    else out += c;
  }
  return out + quote;
}

function escapeUnicode(code: number): string {
  return code > 0xffff
    ? `\\U${code.toString(16).padStart(8, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
