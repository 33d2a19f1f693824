/**
 * The literal shapes a leaked secret would have in a dump (an object's JSON, a log, an event
 * stream), worked out here independently of the redactor so a redactor bug cannot hide itself:
 * the secret raw and JSON-escaped once or twice, each as is, URL-encoded (both hex cases, twice),
 * form-encoded and base64'd at every alignment.
 */
export function leakShapes(secret: string): string[] {
  return [...new Set([...literalShapes(secret), ...base64Shapes(secret)])];
}

/** The secret raw and JSON-escaped once and twice. */
function jsonBases(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [secret, json, JSON.stringify(json).slice(1, -1)];
}

/** `text` as is, percent-encoded, URI-encoded and form-encoded. */
function urlEncodings(text: string): string[] {
  const form = new URLSearchParams({ s: text }).toString().slice(2);
  return [text, encodeURIComponent(text), encodeURI(text), form];
}

function literalShapes(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const shapes = [
    json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ];
  for (const base of jsonBases(secret)) {
    const url = encodeURIComponent(base);
    shapes.push(
      ...urlEncodings(base),
      url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      encodeURIComponent(url),
    );
  }
  return shapes.filter((s) => s.length >= 4);
}

/** Base64 of each encoded base at each alignment inside a larger blob (`user:secret`), minus the edges. */
function base64Shapes(secret: string): string[] {
  const shapes: string[] = [];
  for (const text of jsonBases(secret).flatMap(urlEncodings)) {
    for (const lead of ['', 'a', 'ab']) {
      const inner = Buffer.from(lead + text)
        .toString('base64')
        .slice(lead.length === 0 ? 0 : lead.length + 1, -3);
      shapes.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return shapes.filter((s) => s.length >= 4);
}

/** Every run of `width` characters of the secret (the secret itself when shorter): a partial leak counts. */
function pieces(secret: string, width: number): string[] {
  const chars = [...secret];
  if (chars.length <= width) return [secret];
  return Array.from({ length: chars.length - width + 1 }, (_, i) =>
    chars.slice(i, i + width).join(''),
  );
}

/**
 * The shapes of any 6-character piece of `secret` found in `text`; empty when it is clean. Base64
 * is looked for from pieces 3 characters longer: a 6-character piece leaves a 5-character base64
 * run, which the encoding of unrelated text around a secret (`"pw":`) can spell by chance.
 */
export function leaksIn(text: string, secret: string, width = 6): string[] {
  const shapes = [
    ...pieces(secret, width).flatMap(literalShapes),
    ...pieces(secret, width + 3).flatMap(base64Shapes),
  ];
  return [...new Set(shapes)].filter((shape) => text.includes(shape));
}
