import type { KubeClient } from '../../adapters/kube/index.js';
import {
  loadNotificationConfig,
  type NotificationConfigCache,
} from '../../controller/notifications/index.js';
import type { ApproveHookOptions } from './approve-hook.js';
import type { SlackHookOptions } from './slack-hook.js';

export interface ApprovalHooksWiring {
  kube: KubeClient;
  /** Where the notification ConfigMap and Secret live (NOTIFICATIONS_NAMESPACE). */
  namespace: string;
  fetch: SlackHookOptions['fetch'];
  /** Reconcile the Rollouts an approval changed now (the runtime's enqueue). */
  onRollouts(refs: Array<{ namespace: string; name: string }>): Promise<void>;
  log?: (line: string) => void;
}

/**
 * Both approval hooks as the Node and Workers runtimes mount them: the configuration is the
 * notification ConfigMap and Secret, read on each request and parsed again only when either
 * changed (loadNotificationConfig's cache), so a rotated link key or signing secret applies at once.
 */
export function approvalHooksFor(wiring: ApprovalHooksWiring): {
  approveHook: ApproveHookOptions;
  slackHook: SlackHookOptions;
} {
  const cache: NotificationConfigCache = {};
  const deps: ApproveHookOptions = {
    kube: wiring.kube,
    config: async () =>
      (await loadNotificationConfig(wiring.kube, wiring.namespace, Date.now(), cache)).config,
    now: () => Date.now(),
    onRollouts: wiring.onRollouts,
    ...(wiring.log ? { log: wiring.log } : {}),
  };
  return { approveHook: deps, slackHook: { ...deps, fetch: wiring.fetch } };
}
