import { createSecureContext } from 'node:tls';
import type { ResolvedCluster } from '../../core/fleet/fleet-secrets.js';
import type { KubeConnection } from './kube-connection.js';
import { connectKube, type LoadedKubeconfig } from './kubeconfig/index.js';

/**
 * One KubeConnection per cluster of FLEET_CONFIG (issue 21 §1), over the kubeconfig code's TLS
 * client (kubeconfig/connect-kube.ts): each cluster entry becomes the target a kubeconfig context
 * would resolve to, so a bearer token, a client certificate and a private CA behave exactly as
 * they do from a kubeconfig. TLS material that Node cannot use is a start-up problem, not a
 * failure at the first request in the middle of a release.
 */
export function connectFleet(clusters: readonly ResolvedCluster[]): {
  connections: Array<{ name: string; kube: KubeConnection }>;
  problems: string[];
} {
  const problems: string[] = [];
  const connections = clusters.flatMap((c) => {
    const problem = checkTlsMaterial(c);
    if (problem) {
      problems.push(problem);
      return [];
    }
    return [{ name: c.name, kube: connectFleetCluster(c) }];
  });
  return { connections, problems };
}

/** The cluster as the loaded kubeconfig `connectKube` takes; headers ride on every request. */
export function connectFleetCluster(c: ResolvedCluster): KubeConnection {
  const { auth } = c;
  const loaded: LoadedKubeconfig = {
    target: {
      context: c.name,
      server: c.server,
      insecureSkipTlsVerify: false,
      ...(auth.kind === 'token' ? { token: auth.token } : {}),
    },
    source: `FLEET_CONFIG cluster ${c.name}`,
    ...(c.caData ? { ca: Buffer.from(c.caData) } : {}),
    ...(auth.kind === 'clientCertificate'
      ? { clientCertificate: Buffer.from(auth.certificate), clientKey: Buffer.from(auth.key) }
      : {}),
  };
  const conn = connectKube(loaded);
  if (auth.kind !== 'headers') return conn;
  return {
    ...conn,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(auth.headers)) headers.set(name, value);
      return conn.fetch(path, { ...init, headers });
    },
  };
}

/**
 * Builds the TLS context the connection will use, to find a CA, certificate or key that is not
 * PEM, or a key that does not match its certificate. OpenSSL's reason is kept; it never quotes
 * the material.
 */
function checkTlsMaterial(c: ResolvedCluster): string | undefined {
  const cert = c.auth.kind === 'clientCertificate' ? c.auth : undefined;
  if (!c.caData && !cert) return undefined;
  const at = `FLEET_CONFIG cluster "${c.name}"`;
  if (!c.server.startsWith('https:'))
    return `${at}: caData and client certificates need an https server`;
  // OpenSSL takes a CA bundle with no certificate in it silently, and then trusts nothing.
  if (c.caData && !CERTIFICATE.test(c.caData)) return `${at}: caData must be PEM certificates`;
  if (cert && !CERTIFICATE.test(cert.certificate))
    return `${at}: clientCertificate must be a PEM certificate`;
  if (cert && !PRIVATE_KEY.test(cert.key)) return `${at}: clientKey must be a PEM private key`;
  try {
    createSecureContext({
      ...(c.caData ? { ca: c.caData } : {}),
      ...(cert ? { cert: cert.certificate, key: cert.key } : {}),
    });
    return undefined;
  } catch (e) {
    const what = cert ? 'clientCertificate/clientKey' : 'caData';
    return `${at}: ${what} cannot be used: ${(e as Error).message}`;
  }
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----/;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
