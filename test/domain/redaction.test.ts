import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRedactor, REDACTED, redactDeep } from '../../src/domain/redaction.js';
import { leaksIn, leakShapes } from '../support/secret-leaks.js';

const PLAIN = 's3cr3t-token-42';
const SPECIAL = 'p@ss w/rd+"<é>&ok?#=%';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** What `fetch` sends for a URL whose query was written with the raw secret in it. */
const withQuery = (base: string, query: string) =>
  Object.assign(new URL(base), { search: query }).href;
const goJson = (text: string) =>
  JSON.stringify(text).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

// Every way an echoing endpoint, a URL parser or our own messages may carry the secret back.
const SHAPES: Array<[string, (s: string) => string]> = [
  ['raw', (s) => `got ${s} back`],
  ['encodeURIComponent', (s) => `GET /echo?pw=${encodeURIComponent(s)}&x=1`],
  ['encodeURI', (s) => encodeURI(`http://h/echo/${s}`)],
  ['a URL parser', (s) => new URL(`http://h/p/${s}?q=${s}`).href],
  ['form encoding', (s) => new URLSearchParams({ pw: s }).toString()],
  ['lower-case hex', (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
  ['double URL encoding', (s) => encodeURIComponent(`pw=${encodeURIComponent(s)}`)],
  ['JSON', (s) => JSON.stringify({ body: s })],
  ['JSON in JSON', (s) => JSON.stringify({ body: JSON.stringify({ pw: s }) })],
  ['Go JSON', (s) => goJson(s)],
  [
    'ASCII-only JSON',
    (s) =>
      JSON.stringify(s).replace(
        /[^\x20-\x7e]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
  ],
  ['JSON of a URL', (s) => JSON.stringify({ url: `/echo?pw=${encodeURIComponent(s)}` })],
  [
    'HTML',
    (s) =>
      `<p>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>`,
  ],
  ['base64', (s) => `x-echo: ${b64(s)}`],
  ['url-safe base64', (s) => `x-echo: ${b64url(s)}`],
  ['Basic auth', (s) => `authorization: Basic ${b64(`user:${s}`)}`],
  ['Basic auth, other alignment', (s) => `authorization: Basic ${b64(`ab:${s}`)}`],
  ['base64 inside a longer blob', (s) => b64url(`{"user":"u","password":"${s}","more":"data"}`)],
  [
    'a form carrying JSON',
    (s) => new URLSearchParams({ request: JSON.stringify({ pw: s }) }).toString(),
  ],
  [
    'base64 of a form carrying JSON',
    (s) => b64(new URLSearchParams({ request: JSON.stringify({ pw: s }) }).toString()),
  ],
  [
    'base64 of JSON in JSON',
    (s) => JSON.stringify({ echo: b64(JSON.stringify(JSON.stringify(s))) }),
  ],
  [
    'base64 of a parsed URL in JSON',
    (s) => b64(JSON.stringify({ url: withQuery('http://h/p', `q=${s}`) })),
  ],
  ['whitespace collapsed by an excerpt', (s) => `body: ${s.replace(/\s+/g, ' ')}`],
  ['a cut-short excerpt', (s) => `(body: ${JSON.stringify(`${'x'.repeat(20)}${s.slice(0, 7)}…`)})`],
];

describe('buildRedactor', () => {
  describe.each([PLAIN, SPECIAL])('secret %j', (secret) => {
    const redact = buildRedactor([secret]);
    it.each(SHAPES)('masks it as %s', (_name, shape) => {
      const text = shape(secret);
      const out = redact(text);
      expect(out).toContain(REDACTED);
      expect(leaksIn(out, secret)).toEqual([]);
      // The cut-short prefix is not one of the full shapes: check it directly.
      expect(out).not.toContain(secret.slice(0, 7));
    });
  });

  it('leaves text without the secret alone', () => {
    const redact = buildRedactor([PLAIN]);
    const text =
      'Metric "echo" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "received non 2xx response code: 500"…';
    expect(redact(text)).toBe(text);
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(buildRedactor(['abcd', 'abcdefgh'])('x abcdefgh y abcd z')).toBe('x ***** y ***** z');
  });

  it('masks a Secret value and its trimmed form (a file written with a trailing newline)', () => {
    expect(buildRedactor(['hunter22\n'])('Bearer hunter22. And hunter22\n')).toBe(
      'Bearer *****. And *****',
    );
  });

  it('masks secrets shorter than 4 characters only as whole tokens', () => {
    const redact = buildRedactor(['ab1']);
    expect(redact('token=ab1&cab1=ab12 "ab1"')).toBe('token=*****&cab1=ab12 "*****"');
  });

  it('masks a secret whose whitespace run an excerpt collapsed to one space', () => {
    const redact = buildRedactor(['!  ! ! !']);
    expect(redact('body: ! ! ! !')).toBe(`body: ${REDACTED}`);
    expect(redact('body: !\t!  !\n!')).toBe(`body: ${REDACTED}`);
  });

  it('masks the path form a URL parser made by resolving a dot segment away', () => {
    const secret = '$     \\.';
    // The path becomes `/p/$%20%20%20%20%20/`: the `\.` turned into `/.`, then resolved.
    const url = new URL(`http://h/p/${secret}?q=${secret}`).href;
    expect(buildRedactor([secret])(url)).toBe(`http://h/p/${REDACTED}?q=${REDACTED}`);
  });

  it('masks the longest start of a secret left before a cut, whichever form it is in', () => {
    // `*%` also starts the percent-encoded form; the JSON form's start is the longer one here.
    const redact = buildRedactor(['* "  *%  !']);
    expect(redact('(body: "xx* \\"  *%…")')).toBe(`(body: "xx${REDACTED}…")`);
  });

  it('ignores empty and missing values', () => {
    expect(buildRedactor(['', undefined])('anything')).toBe('anything');
  });

  it('is safe to apply twice', () => {
    const redact = buildRedactor([SPECIAL]);
    const once = redact(JSON.stringify({ a: SPECIAL }));
    expect(redact(once)).toBe(once);
  });

  it('never leaves a shape of an arbitrary secret in an echo of it (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 40 }),
        fc.constantFrom(...SHAPES),
        (secret, [name, shape]) => {
          fc.pre(secret.trim() === secret && !/…/.test(secret));
          // Put raw into a URL, a `?` or `#` ends the path and a `.` or `..` segment is resolved
          // away: the parser has split the secret by URL structure, not encoded it.
          fc.pre(name !== 'a URL parser' || !/[?#]|(?:^|[/\\])\.\.?(?:[/\\]|$)/.test(secret));
          const out = buildRedactor([secret])(shape(secret));
          return leaksIn(out, secret).length === 0;
        },
      ),
    );
  });
});

describe('redactDeep', () => {
  it('masks every string, object keys included, and keeps other values', () => {
    const redact = buildRedactor([PLAIN]);
    const value = {
      n: 1,
      ok: true,
      none: null,
      list: [PLAIN, 2],
      nested: { [`h-${PLAIN}`]: `Bearer ${PLAIN}` },
    };
    expect(redactDeep(value, redact)).toEqual({
      n: 1,
      ok: true,
      none: null,
      list: [REDACTED, 2],
      nested: { 'h-*****': 'Bearer *****' },
    });
  });
});

describe('leakShapes (the test detector itself)', () => {
  it('finds a secret in each shape it lists', () => {
    for (const shape of leakShapes(SPECIAL)) expect(leaksIn(`…${shape}…`, SPECIAL)).not.toEqual([]);
  });
});
