import {
  type Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/**
 * `fetch` over node:http(s), so TLS material rides on an `https.Agent`. Node's own fetch cannot
 * take a CA or client certificate, and the undici package that can costs the controller ~9 MB
 * resident and a few hundred ms of start (a second copy of what Node already holds; bench/).
 * Failures look like fetch's: a `TypeError('fetch failed')` with the reason as `cause`, or the
 * signal's reason when aborted.
 */
export async function sendRequest(
  url: string,
  init: RequestInit,
  agent: HttpAgent | undefined,
): Promise<Response> {
  const request = new Request(url, init);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  if (body) headers['content-length'] = String(body.byteLength);
  const { signal } = request;
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (cause: unknown) =>
      reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause }));
    const req = send(
      url,
      { method: request.method, headers, ...(agent ? { agent } : {}), signal },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200) return fail(new Error(`unexpected status ${status}`));
        const nullBody =
          status === 204 || status === 205 || status === 304 || request.method === 'HEAD';
        if (nullBody) res.resume();
        const stream = nullBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(
          new Response(stream, {
            status,
            statusText: res.statusMessage ?? '',
            headers: toHeaders(res.headers),
          }),
        );
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v);
  }
  return headers;
}
