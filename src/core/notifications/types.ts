import type { ServiceRef } from '../../domain/notification.js';
import type { Template } from './template/index.js';

/**
 * The notification configuration as parsed from `argo-rollouts-notification-configmap` and
 * `argo-rollouts-notification-secret` (spec §6), with `$secret-key` references replaced. Parsed once
 * per change of either object; what is broken is listed in `problems` by its key and left out, and
 * everything else keeps working.
 */
export interface NotificationConfig {
  /** By service name: `service.slack` → `slack`, `service.webhook.ops` → `ops`. */
  services: ReadonlyMap<string, ConfiguredService>;
  /** By template name (`template.<name>`), the built-in ones included unless the ConfigMap overrides them. */
  templates: ReadonlyMap<string, NotificationTemplate>;
  /** By trigger name (`trigger.<name>`), the built-in ones included unless the ConfigMap overrides them. */
  triggers: ReadonlyMap<string, Trigger>;
  /** `defaultTriggers`: what `subscribe.<service>` (no trigger) and subscriptions without triggers mean. */
  defaultTriggers: readonly string[];
  /** `subscriptions`: recipients subscribed for every Rollout the selector matches. */
  subscriptions: readonly ConfigSubscription[];
  /** `context`: free values templates read as `.context.<key>`. */
  context: Readonly<Record<string, string>>;
  /** `approvals` (our own key): Promote/Abort from messages; absent means messages carry no actions. */
  approvals?: ApprovalSettings;
  /** Every problem, with the key it is in (`template.x`, `service.slack`, `trigger.on-y[0].when`). */
  problems: readonly ConfigProblem[];
  /** Every value of the Secret (`.secrets` reads any): masked wherever text leaves the controller. */
  secretValues: readonly string[];
  /** `defaultTriggers.<service>`: what `subscribe.<service>` means for that service, instead of `defaultTriggers`. */
  serviceDefaultTriggers: ReadonlyMap<string, readonly string[]>;
  /** The Secret's keys, decoded: templates see them as `.secrets.<key>`, triggers as `secrets`. */
  secrets: Readonly<Record<string, string>>;
}

/** One notification the core decided to send for an event (spec §6), before rendering. */
export interface PlannedNotification {
  /** `<eventId>:<trigger>:<service>:<recipient>` or, with `oncePer`, `once:<value>:<trigger>:<service>:<recipient>` (notified.ts). */
  key: string;
  trigger: string;
  template: string;
  service: ServiceRef;
  recipient: string;
  /** When the event happened (ms since the epoch). */
  at: number;
}

export interface ConfigProblem {
  key: string;
  message: string;
}

export interface ConfiguredService {
  ref: ServiceRef;
  /** The service's YAML as JSON, `$secret` references replaced; the service validates it. */
  settings: Record<string, unknown>;
}

/** A compiled `template.<name>`: `message` and each service section, every string field a template. */
export interface NotificationTemplate {
  name: string;
  /** The YAML of the template as JSON; strings are template sources compiled in `compiled`. */
  source: Record<string, unknown>;
  /** Every string leaf of `source`, compiled once when the configuration is parsed. */
  compiled: readonly CompiledLeaf[];
}

/** One string of a template's YAML: where it sits (`['slack', 'attachments']`) and its compiled form. */
export interface CompiledLeaf {
  path: readonly (string | number)[];
  template: Template;
}

/** One `trigger.<name>` entry: the first condition that holds sends its templates. */
export interface Trigger {
  name: string;
  conditions: readonly TriggerCondition[];
}

export interface TriggerCondition {
  /** An expr expression over `rollout`, `analysisRuns`, `time`…; absent means always. */
  when?: string;
  /** `send: [template, …]` */
  send: readonly string[];
  /** An expr expression; a notification is sent once per distinct value it yields. */
  oncePer?: string;
  description?: string;
}

/** One `subscriptions` entry of the ConfigMap. */
export interface ConfigSubscription {
  recipients: readonly string[];
  /** `trigger` names; empty means `defaultTriggers`. */
  triggers: readonly string[];
  /** Label selector (`key=value,key2 in (a,b)`), matched against the Rollout's labels; absent matches all. */
  selector?: string;
}

/** Our own `approvals` key: who may promote or abort from a message, and how links are signed. */
export interface ApprovalSettings {
  /** Public base URL of this controller, for signed links (`<url>/hooks/approve/<token>`). */
  url?: string;
  /** HMAC key for signed links (usually `$approval-link-key`). */
  linkKey?: string;
  /** How long a link stays valid (Go duration, default 1h), in ms. */
  linkTtlMs: number;
  /** Triggers whose messages carry Promote/Abort (default: paused, analysis failed/error/inconclusive). */
  triggers: readonly string[];
  slack?: {
    /** Slack's signing secret (usually `$slack-signing-secret`). */
    signingSecret: string;
    /** Slack user ids allowed to approve. */
    users: readonly string[];
    /** Slack user group ids whose members may approve (resolved with `usergroups.users.list`). */
    groups: readonly string[];
    /** Bot token for resolving groups; the `slack` service's token when absent. */
    token?: string;
  };
}
