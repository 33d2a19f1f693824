import { KubeStatusError } from '../api/status-error.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`), lower-cased. */
export function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function asHostName(listenHost: string): string {
  return listenHost.includes(':') && !listenHost.startsWith('[')
    ? `[${listenHost.toLowerCase()}]`
    : listenHost.toLowerCase();
}

/**
 * A 403 for a request addressed to a name other than loopback (or the host the devcluster was told
 * to listen on), any port. A web page the user visits can point its own DNS name at 127.0.0.1 (DNS
 * rebinding) and then read and write the devcluster as same-origin; its requests carry that name in
 * Host, which is how they are told apart. A request without Host (HTTP/1.0) is no browser's.
 */
export function hostRefusal(
  header: string | undefined,
  listenHost?: string,
): KubeStatusError | undefined {
  if (header === undefined) return undefined;
  const name = hostName(header);
  if (LOOPBACK_NAMES.has(name) || (listenHost !== undefined && name === asHostName(listenHost)))
    return undefined;
  const allowed = [
    ...LOOPBACK_NAMES,
    ...(listenHost && !LOOPBACK_NAMES.has(asHostName(listenHost)) ? [asHostName(listenHost)] : []),
  ];
  return new KubeStatusError(
    403,
    'Forbidden',
    `the devcluster does not serve host ${JSON.stringify(header)}: it answers requests addressed to ${allowed.join(', ')} (any port) only, so that a web page cannot reach it through DNS rebinding`,
  );
}
