import type { KeyPair } from './certs.js';

const b64 = (pem: string): string => Buffer.from(pem).toString('base64');

/**
 * A kubeconfig for the real control plane with everything inline (CA, client certificate and
 * key), so it works from any directory and for every client: kubectl, client-node, the Go
 * components. The context is named `real-cluster` so a glance at `kubectl config
 * current-context` tells the two backends apart.
 */
export function buildKubeconfig(opts: {
  server: string;
  caPem: string;
  user: KeyPair;
  userName: string;
  namespace?: string;
}): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: real-cluster',
    '  cluster:',
    `    server: ${opts.server}`,
    `    certificate-authority-data: ${b64(opts.caPem)}`,
    'contexts:',
    '- name: real-cluster',
    '  context:',
    '    cluster: real-cluster',
    `    user: ${opts.userName}`,
    `    namespace: ${opts.namespace ?? 'default'}`,
    'current-context: real-cluster',
    'users:',
    `- name: ${opts.userName}`,
    '  user:',
    `    client-certificate-data: ${b64(opts.user.certPem)}`,
    `    client-key-data: ${b64(opts.user.keyPem)}`,
    '',
  ].join('\n');
}
