import { isRecord } from '../../domain/json.js';
import {
  SUBSCRIBE_ANNOTATION_PREFIX,
  SUBSCRIPTIONS_ANNOTATION,
} from '../../domain/notification.js';
import { parse as parseYaml } from 'yaml';
import { matchesLabelSelectorText, parseLabelSelectorText } from './label-selector.js';
import type { NotificationConfig } from './types.js';

/** Where one trigger's notifications go, and the key that subscribed it (for problems). */
export interface Destination {
  /** The service's name (`slack`, or `ops` for `service.webhook.ops`). */
  service: string;
  recipient: string;
  source: string;
}

type Subscribe = (
  trigger: string,
  service: string,
  recipients: readonly string[],
  source: string,
) => void;

/**
 * Every destination of every trigger for a Rollout (spec §6), as notifications-engine merges them:
 * the ConfigMap's `subscriptions` whose selector matches the labels, then the Rollout's annotations.
 * A subscription without a trigger means `defaultTriggers.<service>` if set, else `defaultTriggers`.
 * Duplicates (same trigger, service and recipient) are kept once.
 */
export function planDestinations(
  config: NotificationConfig,
  labels: Readonly<Record<string, string>>,
  annotations: Readonly<Record<string, string>>,
): Map<string, Destination[]> {
  const byTrigger = new Map<string, Destination[]>();
  const add = (trigger: string, destination: Destination) => {
    const list = byTrigger.get(trigger) ?? [];
    if (
      !list.some((d) => d.service === destination.service && d.recipient === destination.recipient)
    )
      list.push(destination);
    byTrigger.set(trigger, list);
  };
  config.subscriptions.forEach((subscription, i) => {
    const selector = parseLabelSelectorText(subscription.selector ?? '');
    if ('error' in selector || !matchesLabelSelectorText(selector, labels)) return;
    const triggers =
      subscription.triggers.length > 0 ? subscription.triggers : config.defaultTriggers;
    for (const trigger of triggers) {
      for (const entry of subscription.recipients) {
        // `<service>:<recipient>`; upstream keeps only the part between the first and second colon,
        // we keep everything after the first, which is the same for every recipient that has one.
        const colon = entry.indexOf(':');
        const service = colon < 0 ? entry : entry.slice(0, colon);
        const recipient = colon < 0 ? '' : entry.slice(colon + 1);
        add(trigger, { service, recipient, source: `subscriptions[${i}]` });
      }
    }
  });
  const subscribe: Subscribe = (trigger, service, recipients, source) => {
    const triggers =
      trigger !== ''
        ? [trigger]
        : (config.serviceDefaultTriggers.get(service) ?? config.defaultTriggers);
    for (const recipient of recipients)
      for (const t of triggers) add(t, { service, recipient, source });
  };
  for (const [key, value] of Object.entries(annotations).sort(([a], [b]) => a.localeCompare(b))) {
    if (key.startsWith(SUBSCRIBE_ANNOTATION_PREFIX)) subscribeAnnotation(key, value, subscribe);
    else if (key.startsWith(SUBSCRIPTIONS_ANNOTATION))
      subscriptionsAnnotation(key, value, subscribe);
  }
  return byTrigger;
}

/**
 * `subscribe.<trigger>.<service>` or `subscribe.<service>` (default triggers; `subscribe..<service>`
 * too). Recipients are `;`-separated and trimmed, empty ones dropped; an empty value is one empty
 * recipient (services such as webhook need none).
 */
function subscribeAnnotation(key: string, value: string, subscribe: Subscribe): void {
  const parts = key.slice(SUBSCRIBE_ANNOTATION_PREFIX.length).split('.');
  const [trigger, service] =
    parts.length >= 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', parts[0] ?? ''];
  const recipients =
    value === ''
      ? ['']
      : value
          .split(';')
          .map((r) => r.trim())
          .filter((r) => r !== '');
  subscribe(trigger, service, recipients, key);
}

function subscriptionsAnnotation(key: string, value: string, subscribe: Subscribe): void {
  let entries: unknown;
  try {
    entries = parseYaml(value) as unknown;
  } catch {
    return; // upstream logs and skips it too
  }
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const triggers = stringList(entry.trigger);
    const destinations = Array.isArray(entry.destinations)
      ? entry.destinations.filter(isRecord)
      : [];
    for (const trigger of triggers.length > 0 ? triggers : ['']) {
      for (const destination of destinations) {
        const service = typeof destination.service === 'string' ? destination.service : '';
        subscribe(trigger, service, stringList(destination.recipients), key);
      }
    }
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
