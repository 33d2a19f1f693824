/**
 * The notification-service contract (spec §6, issue 20). A service validates its own
 * `service.<type>[.<name>]` settings once per change of the ConfigMap, and sends one rendered
 * delivery at a time. Refusals are data (`SendOutcome`), never exceptions, so the controller can
 * retry with backoff what is retryable (5xx, 429, network) without blocking a reconcile.
 */

import type { GitHubClients } from '../../adapters/github/index.js';
import type { Delivery, SendOutcome } from '../../domain/notification.js';
import type { SmtpConnect } from './email/smtp-connect.js';

export type { Delivery, SendOutcome, SmtpConnect };

export interface ServiceContext {
  now: number;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Remembers small values across sends (Slack thread ts per grouping key): in memory on Node, Durable Object storage on Workers. */
  threads: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string): Promise<void>;
  };
  /** Node only: opens a TCP connection for SMTP (absent on Workers → email answers non-retryable "needs the Node runtime"). */
  smtp?: SmtpConnect;
  /** The GitHub client factory the GitOps code uses (src/adapters/github), when GitHub is configured. */
  github?: GitHubClients;
}

export interface NotificationService<S = unknown> {
  /** The `<type>` of `service.<type>[.<name>]`: slack, webhook, teams, googlechat, github, pagerdutyv2, opsgenie, email. */
  readonly type: string;
  /** Validates the service's settings (YAML as JSON, `$secret`s already replaced); every problem listed, never a secret value. */
  parseSettings(raw: Record<string, unknown>): { settings: S } | { problems: string[] };
  /** Sends one delivery (its own section is `delivery.message.sections[type]`, for webhook `sections.webhook[serviceName]`). Never throws for a refusal: SendOutcome says retryable or not (5xx, 429 with Retry-After, network errors are retryable). */
  send(ctx: ServiceContext, settings: S, delivery: Delivery): Promise<SendOutcome>;
}
