import type { DispatchDeps } from '../../../src/controller/dispatch/index.js';
import {
  createNotifications,
  type DeliveryPolicy,
  memoryThreads,
  type Notifications,
} from '../../../src/controller/notifications/index.js';
import { NOTIFICATION_CONFIG } from '../../../src/domain/notification.js';
import { MetricsRegistry, notificationMetricsFor } from '../../../src/http/metrics/index.js';
import { startWorld, type World } from '../world.js';
import { type RecordingEndpoint, startRecordingEndpoint } from './recording-endpoint.js';

export const NOTIFICATIONS_NS = NOTIFICATION_CONFIG.namespace;
const CM_PATH = `/api/v1/namespaces/${NOTIFICATIONS_NS}/configmaps`;

export interface NotificationWorld {
  w: World;
  endpoint: RecordingEndpoint;
  registry: MetricsRegistry;
  /** Builds another notifier and outbox on the same cluster and endpoint (a second handler). */
  notifications(opts?: { startedAt?: number; startWindowMs?: number }): Notifications;
  /** The notifier the world's reconciles run with (`use` swaps it). */
  main: Notifications;
  use(notifications: Notifications): void;
  /** Lines logged by the notifiers. */
  logged: string[];
  close(): Promise<void>;
}

/** Fast retries: the backoff's shape is `plan-delivery`'s, the delays short enough for a test. */
const FAST: Partial<DeliveryPolicy> = { baseDelayMs: 10, maxAttempts: 4 };

/**
 * The test world (devcluster, manual clock, the real dispatcher) with notifications wired as the
 * runtimes wire them, the ConfigMap `configData(endpointUrl)` in `argo-rollouts`, and a loopback
 * endpoint for the `webhook` services.
 */
export async function startNotificationWorld(
  configData: (endpointUrl: string) => Record<string, string>,
  secretData: Record<string, string> = {},
): Promise<NotificationWorld> {
  const endpoint = await startRecordingEndpoint();
  const registry = new MetricsRegistry();
  const metrics = notificationMetricsFor(registry);
  const logged: string[] = [];
  let now = () => 0;
  const build = (opts: { startedAt?: number; startWindowMs?: number } = {}) => {
    const built = createNotifications({
      settings: {
        enabled: true,
        namespace: NOTIFICATIONS_NS,
        startWindowMs: opts.startWindowMs ?? 10 * 60_000,
      },
      timers: {
        now: () => now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      startedAt: opts.startedAt ?? now(),
      context: { fetch: (input, init) => fetch(input, init), threads: memoryThreads() },
      metrics,
      log: (line) => logged.push(line),
      policy: FAST,
    });
    if (!built) throw new Error('notifications are enabled here');
    return built;
  };
  let main: Notifications | undefined;
  const deps: Partial<DispatchDeps> = {
    notifier: {
      afterReconcile: (kube, result, at) =>
        (main as Notifications).notifier.afterReconcile(kube, result, at),
      afterRolloutEvents: (kube, input, at) =>
        (main as Notifications).notifier.afterRolloutEvents(kube, input, at),
    },
  };
  const w = await startWorld('shop', deps);
  now = () => w.h.clock.now();
  main = build();
  await w.h.req('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: NOTIFICATIONS_NS },
  });
  await w.h.req('POST', CM_PATH, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: NOTIFICATION_CONFIG.configMap, namespace: NOTIFICATIONS_NS },
    data: configData(endpoint.url),
  });
  if (Object.keys(secretData).length)
    await w.h.req('POST', `/api/v1/namespaces/${NOTIFICATIONS_NS}/secrets`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: NOTIFICATION_CONFIG.secret, namespace: NOTIFICATIONS_NS },
      stringData: secretData,
    });
  return {
    w,
    endpoint,
    registry,
    notifications: build,
    get main() {
      return main as Notifications;
    },
    use(n) {
      main = n;
    },
    logged,
    async close() {
      await main?.outbox.settled();
      await w.close();
      await endpoint.close();
    },
  };
}

/** A template whose `webhook.hooks` section POSTs JSON naming the event and the Rollout's state. */
export function aHookTemplate(event: string): string {
  return [
    `message: "{{.rollout.metadata.name}} ${event}"`,
    'webhook:',
    '  hooks:',
    '    method: POST',
    `    path: /${event}`,
    `    body: '{"event":"${event}","rollout":"{{.rollout.metadata.name}}","step":{{.rollout.status.currentStepIndex}},"image":"{{(index .rollout.spec.template.spec.containers 0).image}}"}'`,
  ].join('\n');
}
