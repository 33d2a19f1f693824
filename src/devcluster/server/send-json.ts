import type { ServerResponse } from 'node:http';

/** Responses to requests that asked for indented JSON (see isPrettyRequested). */
const prettyResponses = new WeakSet<ServerResponse>();

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = prettyResponses.has(res)
    ? `${JSON.stringify(body, null, 2)}\n`
    : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Marks a response as one whose JSON is indented (the request asked, see isPrettyRequested). */
export function markPretty(res: ServerResponse): void {
  prettyResponses.add(res);
}
