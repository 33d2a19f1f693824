/**
 * Notifications vocabulary (spec §6, issue 20), shared by the core that decides what to send, the
 * services that send it, the controller that delivers it and the hooks that take approvals back.
 */

/** Where upstream keeps the configuration, in the controller's namespace (`argo-rollouts` by default). */
export const NOTIFICATION_CONFIG = {
  namespace: 'argo-rollouts',
  configMap: 'argo-rollouts-notification-configmap',
  secret: 'argo-rollouts-notification-secret',
} as const;

/** `notifications.argoproj.io/subscribe.<trigger>.<service>: <recipient>;<recipient>` */
export const SUBSCRIBE_ANNOTATION_PREFIX = 'notifications.argoproj.io/subscribe.';

/** Upstream's other form: a YAML list of `{trigger, destinations: [{service, recipients}]}` on the Rollout. */
export const SUBSCRIPTIONS_ANNOTATION = 'notifications.argoproj.io/subscriptions';

/** A configured service: `service.slack` is `{type: 'slack', name: 'slack'}`, `service.webhook.ops` is `{type: 'webhook', name: 'ops'}`. */
export interface ServiceRef {
  type: string;
  name: string;
}

/**
 * A template rendered for one notification: `message`, and every service section of the template
 * (`slack`, `webhook`, `email`, `teams`, …) with each string in it rendered, as plain JSON. Each
 * service reads its own section (`sections.slack`, `sections.webhook?.[serviceName]`).
 */
export interface RenderedMessage {
  message: string;
  sections: Record<string, unknown>;
}

/** A Promote or Abort button or link a message carries (issue 20 §6). */
export interface ApprovalAction {
  action: 'promote' | 'abort';
  /** The signed one-time token (`core/notifications/approval`); the Slack button's `value`. */
  token: string;
  /** `<public URL>/hooks/approve/<token>`: the link for services without buttons. */
  url: string;
}

/** What the Rollout is and where: services that group or thread messages use it (Slack threads per update). */
export interface NotificationSubject {
  namespace: string;
  name: string;
  uid: string;
  /** `rollout.argoproj.io/revision` of the update the event belongs to. */
  revision: string;
  /** The Rollout's GitOps record (`OWN.githubDeployment`) when it was synced from GitHub: the github service's default repo and commit. */
  githubDeployment?: string;
}

/** One notification ready to send: what the core planned and rendered, what a service delivers. */
export interface Delivery {
  /** The key recorded in the `notified.notifications.argoproj.io` annotation: sent at most once per key. */
  key: string;
  trigger: string;
  template: string;
  service: ServiceRef;
  recipient: string;
  subject: NotificationSubject;
  message: RenderedMessage;
  actions: ApprovalAction[];
  /** When the event happened (ms since the epoch); deliveries older than the start window are dropped. */
  at: number;
}

/** How a send ended, as data: retried with backoff when `retryable`. */
export type SendOutcome =
  { ok: true } | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number };
