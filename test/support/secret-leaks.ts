/**
 * The literal shapes a leaked secret would have in a dump (an object's JSON, a log, an event
 * stream), worked out here independently of the redactor so a redactor bug cannot hide itself:
 * the secret raw and JSON-escaped once or twice, each as is, URL-encoded (both hex cases, twice),
 * form-encoded and base64'd at every alignment.
 */
export function leakShapes(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const bases = [secret, json, JSON.stringify(json).slice(1, -1)];
  const shapes = [
    json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ];
  for (const base of bases) {
    const url = encodeURIComponent(base);
    const encoded = [
      base,
      url,
      encodeURI(base),
      new URLSearchParams({ s: base }).toString().slice(2),
    ];
    shapes.push(
      ...encoded,
      url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      encodeURIComponent(url),
    );
    // Base64 of each at each alignment inside a larger blob (e.g. `user:secret`), minus the edges.
    for (const text of encoded) {
      for (const lead of ['', 'a', 'ab']) {
        const inner = Buffer.from(lead + text)
          .toString('base64')
          .slice(lead.length === 0 ? 0 : lead.length + 1, -3);
        shapes.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
      }
    }
  }
  return [...new Set(shapes.filter((s) => s.length >= 4))];
}

/** Every run of `width` characters of the secret (the secret itself when shorter): a partial leak counts. */
function pieces(secret: string, width: number): string[] {
  const chars = [...secret];
  if (chars.length <= width) return [secret];
  return Array.from({ length: chars.length - width + 1 }, (_, i) =>
    chars.slice(i, i + width).join(''),
  );
}

/** The shapes of any 6-character piece of `secret` found in `text`; empty when it is clean. */
export function leaksIn(text: string, secret: string, width = 6): string[] {
  return [...new Set(pieces(secret, width).flatMap(leakShapes))].filter((shape) =>
    text.includes(shape),
  );
}
