export {
  buildReadyServices,
  loadNotificationConfig,
  serviceKey,
  type LoadedNotificationConfig,
  type NotificationConfigCache,
  type ReadyService,
} from './load-notification-config.js';
export { createNotifier, type Notifier, type NotifierOptions } from './notifier.js';
export {
  NotificationOutbox,
  type NotificationMetrics,
  type OutboxItem,
  type OutboxOptions,
  type SendLabels,
} from './outbox.js';
export { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './plan-delivery.js';
export { CONFIG_ERROR_REASON } from './record-config-problems.js';
export {
  parseNotificationSettings,
  type NotificationEnv,
  type NotificationSettings,
} from './parse-notification-settings.js';
export {
  createNotifications,
  memoryThreads,
  type Notifications,
  type NotificationsOptions,
} from './create-notifications.js';
