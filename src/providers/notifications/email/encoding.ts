/**
 * The encodings a mail message needs so that any text a template renders survives any SMTP server:
 * RFC 2047 encoded words for non-ASCII header text, quoted-printable bodies (RFC 2045 §6.7: 7-bit,
 * lines of at most 76 characters), and the RFC 5322 date.
 */

const utf8 = new TextEncoder();

export function base64Utf8(text: string): string {
  let binary = '';
  for (const b of utf8.encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Header text on one line: a template's newline must never start a header of its own. */
export function flattenHeaderText(text: string): string {
  return text.replace(/[\r\n]+\s*/g, ' ').trim();
}

// An encoded word is at most 75 characters: `=?UTF-8?B?` + base64 + `?=` leaves 63 for base64,
// which is 45 bytes of UTF-8 before encoding (base64 turns 3 bytes into 4 characters).
const WORD_BYTES = 45;

/**
 * `text` as a header value: unchanged when it is printable ASCII, else as RFC 2047 `B` encoded
 * words, each holding whole characters, folded one word per line.
 */
export function encodeHeaderText(text: string): string {
  const flat = flattenHeaderText(text);
  if (/^[\x20-\x7e]*$/.test(flat) && flat.length <= 900) return flat;
  const words: string[] = [];
  let chunk = '';
  for (const ch of flat) {
    if (utf8.encode(chunk + ch).length > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64Utf8(w)}?=`).join('\r\n ');
}

/**
 * An address header entry (`Name <a@b>` or `a@b`): a non-ASCII display name is encoded, the
 * address itself stays as written.
 */
export function encodeAddress(value: string): string {
  const flat = flattenHeaderText(value);
  const m = /^(.*?)\s*(<[^<>]+>)$/.exec(flat);
  if (!m || m[1] === undefined || m[2] === undefined || m[1] === '') return flat;
  const name = m[1].replace(/^"(.*)"$/, '$1');
  if (/^[\x20-\x7e]*$/.test(name)) return `${m[1]} ${m[2]}`;
  return `${encodeHeaderText(name)} ${m[2]}`;
}

const LINE = 76;

/** The body as quoted-printable over UTF-8, CRLF line ends, no line longer than 76 characters. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\n')
    .split('\n')
    .map(encodeQuotedPrintableLine)
    .join('\r\n');
}

function encodeQuotedPrintableLine(line: string): string {
  const bytes = utf8.encode(line);
  let out = '';
  let current = '';
  bytes.forEach((b, i) => {
    const isLast = i === bytes.length - 1;
    const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !isLast);
    const token = literal
      ? String.fromCharCode(b)
      : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    // A soft line break (`=` at the end) keeps every encoded line within 76 characters.
    if (current.length + token.length > LINE - 1) {
      out += `${current}=\r\n`;
      current = '';
    }
    current += token;
  });
  return out + current;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 §3.3 date-time in UTC: `Mon, 07 Dec 2026 05:27:47 +0000`. */
export function formatMailDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}
