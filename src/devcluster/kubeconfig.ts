/** A kubeconfig for the devcluster (plain HTTP on loopback, no credentials needed). */
export function kubeconfigFor(url: string, namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: devcluster',
    '  cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'contexts:',
    '- name: devcluster',
    '  context:',
    '    cluster: devcluster',
    '    user: devcluster',
    `    namespace: ${namespace}`,
    'current-context: devcluster',
    'users:',
    '- name: devcluster',
    '  user:',
    '    token: devcluster',
    '',
  ].join('\n');
}
