import {
  buildReadyServices,
  memoryThreads,
  serviceKey,
} from '../../controller/notifications/index.js';
import { buildDelivery } from '../../core/notifications/index.js';
import type { NotificationConfig } from '../../core/notifications/types.js';
import type { RenderedMessage } from '../../domain/notification.js';
import { buildRedactor } from '../../domain/redaction.js';
import type { Rollout } from '../../domain/rollout.js';
import { notificationServices } from '../../providers/notifications/index.js';
import type { CommandContext } from '../command-context.js';

/** `--recipient SERVICE:RECIPIENT` as upstream splits it: the service, then everything after the first colon. */
export function parseRecipient(target: string): { service: string; recipient: string } {
  const colon = target.indexOf(':');
  return colon < 0
    ? { service: target, recipient: '' }
    : { service: target.slice(0, colon), recipient: target.slice(colon + 1) };
}

export interface ManualSend {
  target: string;
  template: string;
  rollout: Rollout;
  message: RenderedMessage;
}

/**
 * Sends one rendered message through the configured service, as the controller's outbox would
 * (the same `buildDelivery` and service `send`), once and without a claim: a manual send records
 * nothing on the Rollout and carries no Promote/Abort. Answers the refusal, secrets masked, or
 * undefined when it was sent.
 */
export async function sendManually(
  ctx: CommandContext,
  config: NotificationConfig,
  send: ManualSend,
): Promise<string | undefined> {
  const { service: name, recipient } = parseRecipient(send.target);
  const redact = buildRedactor(config.secretValues);
  const configured = config.services.get(name);
  if (!configured) return `service "${name}" is not configured`;
  const { services, problems } = buildReadyServices(config, notificationServices());
  const ready = services.get(name);
  const key = serviceKey(configured.ref);
  const own = problems.filter((p) => p.key === key).map((p) => `${key}: ${p.message}`);
  if (!ready) return redact(own.join('; '));
  const now = ctx.deps.now();
  const delivery = buildDelivery({
    planned: {
      key: `cli:${now}:${send.template}:${name}:${recipient}`,
      trigger: '',
      template: send.template,
      service: ready.ref,
      recipient,
      at: now,
    },
    rollout: send.rollout,
    message: send.message,
    actions: [],
  });
  const context = {
    now,
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
    threads: memoryThreads(),
  };
  const outcome = await ready.service
    .send(context, ready.settings, delivery)
    .catch((e: unknown) => ({
      ok: false as const,
      reason: e instanceof Error ? e.message : String(e),
    }));
  return outcome.ok ? undefined : redact(outcome.reason);
}
