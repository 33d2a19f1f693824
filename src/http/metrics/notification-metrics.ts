import type { NotificationMetrics } from '../../controller/notifications/index.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** Where the notifier's reports land in /metrics (spec §6), exposed from the start. */
export function notificationMetricsFor(registry: MetricsRegistry): NotificationMetrics {
  registry.expose(
    registry.notificationSuccess,
    registry.notificationError,
    registry.notificationSend,
    registry.notificationConfigProblems,
  );
  return {
    sent(labels, seconds) {
      registry.notificationSuccess.inc({ ...labels });
      registry.notificationSend.observe({ ...labels }, seconds);
    },
    failed(labels, seconds) {
      registry.notificationError.inc({ ...labels });
      registry.notificationSend.observe({ ...labels }, seconds);
    },
    configProblems: (namespace, count) =>
      registry.notificationConfigProblems.set({ namespace }, count),
  };
}
