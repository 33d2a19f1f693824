export { BUILT_IN_TEMPLATES, BUILT_IN_TRIGGERS } from './catalog.js';
export { DEFAULT_APPROVAL_TRIGGERS, DEFAULT_LINK_TTL_MS } from './config-approvals.js';
export {
  buildNotificationKey,
  MAX_NOTIFIED_KEYS,
  ONCE_PER_PREFIX,
  parseNotified,
  planNotifiedAnnotation,
} from './notified.js';
export { parseNotificationConfig, type NotificationConfigInput } from './parse-config.js';
export {
  planNotifications,
  type NotificationPlan,
  type PlanNotificationsInput,
} from './plan-notifications.js';
export { buildDelivery, renderNotification } from './render-notification.js';
export { runTrigger, type ConditionResult } from './run-trigger.js';
export { planDestinations, type Destination } from './subscriptions.js';
export {
  buildTemplateData,
  buildTriggerVars,
  selectAnalysisRuns,
  type TemplateDataInput,
} from './template-data.js';
export { compileTriggerExpr, evaluateTriggerExpr, type TriggerVars } from './trigger-expr.js';
export { triggerNameOf } from './trigger-name.js';
export type * from './types.js';
