import type { NotificationService, ServiceContext } from '../../providers/notifications/index.js';
import type { SchedulerTimers } from '../rollout-scheduler.js';
import { createNotifier, type Notifier } from './notifier.js';
import { type NotificationMetrics, NotificationOutbox } from './outbox.js';
import type { NotificationSettings } from './parse-notification-settings.js';
import type { DeliveryPolicy } from './plan-delivery.js';

export interface NotificationsOptions {
  settings: NotificationSettings;
  timers: SchedulerTimers;
  /** When this process (or isolate) started: the start window counts back from it. */
  startedAt: number;
  /** What services reach the outside with (fetch, Slack threads, SMTP on Node, GitHub). */
  context: Omit<ServiceContext, 'now'>;
  metrics?: NotificationMetrics;
  log?: (line: string) => void;
  /** Backoff overrides (tests shorten the delays); the start window comes from `settings`. */
  policy?: Partial<Omit<DeliveryPolicy, 'startWindowMs'>>;
  services?: ReadonlyMap<string, NotificationService>;
}

export interface Notifications {
  notifier: Notifier;
  outbox: NotificationOutbox;
}

/** The notifier and its outbox, as both runtimes build them; undefined when NOTIFICATIONS=off. */
export function createNotifications(opts: NotificationsOptions): Notifications | undefined {
  if (!opts.settings.enabled) return undefined;
  const outbox = new NotificationOutbox({
    timers: opts.timers,
    startedAt: opts.startedAt,
    policy: { ...opts.policy, startWindowMs: opts.settings.startWindowMs },
    context: opts.context,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const notifier = createNotifier({
    namespace: opts.settings.namespace,
    outbox,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.services ? { services: opts.services } : {}),
    ...(opts.settings.publicUrl ? { publicUrl: opts.settings.publicUrl } : {}),
  });
  return { notifier, outbox };
}

/** Slack thread timestamps and the like, kept by this process only (lost on restart: a new thread starts). */
export function memoryThreads(limit = 10_000): ServiceContext['threads'] {
  const values = new Map<string, string>();
  return {
    get: (key) => Promise.resolve(values.get(key)),
    set(key, value) {
      values.delete(key);
      values.set(key, value);
      const oldest = values.keys().next().value;
      if (values.size > limit && oldest !== undefined) values.delete(oldest);
      return Promise.resolve();
    },
  };
}
