import { readFile } from 'node:fs/promises';
import { Agent as HttpsAgent } from 'node:https';
import { createCredentialSource, type CredentialDeps, type Credentials } from './credentials.js';
import type { LoadedKubeconfig } from './load-kubeconfig.js';
import { runExecPlugin } from './run-exec-plugin.js';
import { sendRequest } from './send-request.js';

/** A Kubernetes API reached with a kubeconfig's credentials: `fetch` takes a path below `server`. */
export interface KubeFetchConnection {
  server: string;
  context: string;
  namespace?: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export function nodeCredentialDeps(): CredentialDeps {
  return {
    now: () => Date.now(),
    readFile: (p) => readFile(p, 'utf8'),
    runExec: runExecPlugin,
    interactive: process.stdin.isTTY === true,
  };
}

type Send = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A fetch carrying the kubeconfig's credentials. The TLS connection (CA, server name, client
 * certificate) is rebuilt only when an exec plugin hands out a new client certificate. A 401 drops
 * refreshed credentials (token file, plugin answer) once and, when the body can be sent again,
 * retries with new ones, as client-go's exec transport refreshes.
 */
export function connectKube(
  loaded: LoadedKubeconfig,
  deps: CredentialDeps = nodeCredentialDeps(),
): KubeFetchConnection {
  const { target } = loaded;
  const credentials = createCredentialSource(loaded, deps);
  let current: { cert: Buffer | undefined; send: Promise<Send> } | undefined;
  const sendFor = (used: Credentials): Promise<Send> => {
    if (current && current.cert === used.clientCertificate) return current.send;
    current = { cert: used.clientCertificate, send: buildSend(loaded, used) };
    return current.send;
  };
  const send = async (path: string, init: RequestInit, used: Credentials): Promise<Response> => {
    const headers = { ...used.headers };
    for (const [k, v] of new Headers(init.headers)) headers[k] = v;
    return (await sendFor(used))(`${target.server}${path}`, { ...init, headers });
  };
  return {
    server: target.server,
    context: target.context,
    ...(target.namespace ? { namespace: target.namespace } : {}),
    async fetch(path, init = {}) {
      const used = await credentials.get();
      const res = await send(path, init, used);
      if (
        res.status !== 401 ||
        init.body instanceof ReadableStream ||
        !credentials.invalidate(used)
      )
        return res;
      await res.body?.cancel();
      return send(path, init, await credentials.get());
    },
  };
}

async function buildSend(loaded: LoadedKubeconfig, used: Credentials): Promise<Send> {
  const { target } = loaded;
  const cert =
    used.clientCertificate && used.clientKey
      ? { cert: used.clientCertificate, key: used.clientKey }
      : { cert: loaded.clientCertificate, key: loaded.clientKey };
  const tls = {
    ...(loaded.ca ? { ca: loaded.ca } : {}),
    ...(cert.cert && cert.key ? cert : {}),
    ...(target.tlsServerName ? { servername: target.tlsServerName } : {}),
    rejectUnauthorized: !target.insecureSkipTlsVerify,
  };
  if (target.proxyUrl) {
    // Rare, so undici (CONNECT tunnels) is loaded only for a kubeconfig that names a proxy.
    const { ProxyAgent, fetch } = await import('undici');
    const dispatcher = new ProxyAgent({ uri: target.proxyUrl, requestTls: tls });
    return async (url, init) =>
      (await fetch(url, { ...(init as object), dispatcher })) as unknown as Response;
  }
  const agent = target.server.startsWith('https:')
    ? new HttpsAgent({ ...tls, keepAlive: true })
    : undefined;
  return (url, init) => sendRequest(url, init, agent);
}
