import type { World } from './world.js';

/** The controller's namespace, where stop switches live (npm start creates it as well). */
export async function createSwitchNamespace(w: World): Promise<void> {
  await w.h.req('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'argo-rollouts' },
  });
}
