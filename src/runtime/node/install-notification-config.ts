import { configMapPath, resourcePath } from '../../adapters/kube/index.js';
import { createOnce } from '../../controller/execute-actions.js';
import { NOTIFICATION_CONFIG } from '../../domain/notification.js';
import { type KubeConnection, kubeClientFor } from './kube-connection.js';

const namespacePath = resourcePath('', 'v1', 'namespaces');

/**
 * `npm start` on a cluster of its own: the controller's namespace and an empty notification
 * ConfigMap, where upstream's install puts them, so a user edits it rather than writing it from
 * nothing. Empty is enough: the built-in triggers and templates are compiled in. Never replaces
 * what is there.
 */
export async function installNotificationConfig(
  kube: KubeConnection,
  namespace: string,
): Promise<void> {
  const client = kubeClientFor(kube);
  await createOnce(client, namespacePath(), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  await createOnce(client, configMapPath(namespace), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: NOTIFICATION_CONFIG.configMap, namespace },
  });
}
