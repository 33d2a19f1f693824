/**
 * The shapes one secret value takes on its way through a request, an echoing server and our own
 * messages: raw; percent-encoded by `encodeURIComponent`, `encodeURI`, a URL parser or a form
 * (`+` for a space), in either hex case, once or twice; JSON-escaped (`\"`, `\u00e9`, Go's
 * `\u003c`, `\/`) at any nesting depth; HTML entities; whitespace collapsed by an excerpt; and
 * base64 (standard and url-safe) of the raw, URL-encoded or JSON-escaped secret at each of the
 * three byte alignments, so it is found inside any base64 blob that carries it, such as a Basic
 * `user:secret` credential or a base64'd JSON document. Every other shape is matched per
 * character, so compositions (a JSON escape put in a form, a parser's partial URL encoding)
 * match too.
 */

/** JSON's short escapes; `"`, `\\` and `/` may also stand behind any run of backslashes. */
const LETTER_ESCAPES: Record<string, string> = {
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
  '\b': 'b',
  '\f': 'f',
};
const BACKSLASHED = new Set(['"', '\\', '/']);
const ENTITIES: Record<string, string[]> = {
  '&': ['&amp;', '&#38;', '&#x26;'],
  '<': ['&lt;', '&#60;', '&#x3c;'],
  '>': ['&gt;', '&#62;', '&#x3e;'],
  '"': ['&quot;', '&#34;', '&#x22;'],
  "'": ['&#39;', '&#x27;', '&apos;'],
};
/** A backslash as is or percent-encoded (a JSON escape that was then put in a URL or a form). */
const BACKSLASH = '(?:\\\\|%(?:25)?5[cC])';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Hex digits as a case-insensitive pattern: `2f` matches `2f` and `2F`. */
function anyCaseHex(hex: string): string {
  const anyCase = (c: string) => (/[a-f]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c);
  return [...hex].map(anyCase).join('');
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One character (a code point) in every encoding it may have met, and their compositions. */
function characterPattern(ch: string): string {
  // No encoder escapes a letter or a digit: they stand for themselves (and keep the pattern small).
  if (/^[A-Za-z0-9]$/.test(ch)) return ch;
  const plain = new Set<string>([escapeRegExp(ch)]);
  const bytes = [...new TextEncoder().encode(ch)];
  plain.add(bytes.map((b) => `%(?:25)?${anyCaseHex(hex(b, 2))}`).join(''));
  for (const entity of ENTITIES[ch] ?? []) plain.add(entity.replace(/[a-f0-9]+(?=;)/i, anyCaseHex));
  if (/\s/.test(ch)) plain.add('\\s+');
  if (ch === ' ') plain.add('\\+');
  // A URL parser turns a backslash in the path of an http(s) URL into a slash.
  if (ch === '\\') plain.add('/');
  const shapes = [`${BACKSLASHED.has(ch) ? `${BACKSLASH}*` : ''}(?:${[...plain].join('|')})`];
  const units = Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i));
  shapes.push(units.map((u) => `${BACKSLASH}+u${anyCaseHex(hex(u, 4))}`).join(''));
  const letter = LETTER_ESCAPES[ch];
  if (letter !== undefined) shapes.push(`${BACKSLASH}+${letter}`);
  return `(?:${shapes.join('|')})`;
}

/** A base64 run as regular-expression source: its `+`, `/` and `=` may be URL-encoded or `\/`. */
export function base64Pattern(fragment: string): string {
  return [...fragment].map((c) => BASE64_SYMBOLS[c] ?? c).join('');
}

const BASE64_SYMBOLS: Record<string, string> = {
  '+': '(?:\\+|%2[bB])',
  '/': '(?:\\\\?/|%2[fF])',
  '=': '(?:=|%3[dD])',
};

/**
 * `text` in every per-character encoding above, as regular-expression source. A run of whitespace
 * may also have been collapsed to any other run (an excerpt writes `a  b` as `a b`).
 */
export function encodedPattern(text: string): string {
  return (text.match(/\s+|\S/gu) ?? [])
    .map((token) => {
      const chars = [...token];
      if (chars.length === 1) return characterPattern(token);
      return `(?:${chars.map(characterPattern).join('')}|\\s+)`;
    })
    .join('');
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The base64 characters that depend on one literal shape's bytes alone (`literalForms`: the secret raw,
 * URL-encoded or JSON-escaped, as it sat in the blob), for each alignment (0, 1 or 2 bytes before
 * it), standard and url-safe. The one or two characters at each end that mix in neighbouring bytes
 * are left, since they carry a few bits at most.
 */
export function base64Fragments(forms: string[]): string[] {
  const out = new Set<string>();
  for (const form of forms) {
    const bytes = new TextEncoder().encode(form);
    for (const lead of [0, 1, 2]) {
      const shifted = new Uint8Array(lead + bytes.length);
      shifted.set(bytes, lead);
      const [from, to] = [Math.ceil((lead * 8) / 6), Math.floor(((lead + bytes.length) * 8) / 6)];
      const core = base64(shifted).slice(from, to);
      out.add(core);
      out.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...out];
}

/**
 * Literal shapes of the secret: raw and JSON-escaped once or twice, each URL-encoded in each way
 * (a URL parser's and a form's too), and the URL encodings JSON-escaped. Their base64 is searched
 * for, and their start is masked where an excerpt cut them (`…`).
 */
export function literalForms(secret: string): string[] {
  const json = jsonEscaped(secret);
  const urlEncoded = [secret, json, jsonEscaped(json)].flatMap(urlForms);
  const escapedUrls = urlForms(secret)
    .map(jsonEscaped)
    .flatMap((url) => [url, jsonEscaped(url)]);
  return [...new Set([...urlEncoded, ...escapedUrls])];
}

function urlForms(text: string): string[] {
  const form = new URLSearchParams({ s: text }).toString().slice(2);
  return [text, encodeURIComponent(text), encodeURI(text), ...parsedUrlForms(text), form];
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** How a URL parser (and so `fetch`) writes the secret in a query and in a path. */
function parsedUrlForms(secret: string): string[] {
  const url = new URL('http://h/');
  url.search = `?${secret}`;
  const query = url.search.slice(1);
  url.pathname = `/${secret}`;
  return [query, url.pathname.slice(1)];
}
