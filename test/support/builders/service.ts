import type { Service } from '../../../src/domain/index.js';

/** A Service `name` in `default`, selecting `app: guestbook` unless told otherwise. */
export function aService(
  name: string,
  o: { selector?: Record<string, string>; managedBy?: string; namespace?: string } = {},
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      ...(o.managedBy !== undefined
        ? { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': o.managedBy } }
        : {}),
    },
    spec: { selector: o.selector ?? { app: 'guestbook' } },
  };
}
