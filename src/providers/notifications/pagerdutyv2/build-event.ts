import type { Delivery } from '../../../domain/notification.js';
import { sectionOf, textField } from '../shared/section.js';

/** The severities Events API v2 accepts; anything else is refused with 400. */
export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;

/** Events API v2 cuts nothing: a longer summary is an invalid event. */
export const PAGERDUTY_SUMMARY_LIMIT = 1024;

const CLIENT = 'Serverless Rollouts';

/**
 * The `trigger` event for a delivery (Events API v2, `POST /v2/enqueue`) from the template's
 * `pagerdutyv2` section: summary (cut to 1024 characters), severity, source, and the optional
 * component, group, class, url (the event's `client_url`) and dedupKey.
 */
export function buildPagerDutyEvent(
  routingKey: string,
  delivery: Delivery,
): { event: Record<string, unknown> } | { error: string } {
  const section = sectionOf(delivery, 'pagerdutyv2');
  if (section === undefined) return { error: 'the template has no pagerdutyv2 section' };
  const summary = textField(section, 'summary');
  const severity = textField(section, 'severity');
  const source = textField(section, 'source');
  if (summary.trim() === '') return { error: 'pagerdutyv2.summary is empty' };
  if (source.trim() === '') return { error: 'pagerdutyv2.source is empty' };
  if (!(PAGERDUTY_SEVERITIES as readonly string[]).includes(severity)) {
    return { error: `pagerdutyv2.severity must be one of ${PAGERDUTY_SEVERITIES.join(', ')}` };
  }
  const payload: Record<string, unknown> = {
    summary:
      summary.length > PAGERDUTY_SUMMARY_LIMIT
        ? `${summary.slice(0, PAGERDUTY_SUMMARY_LIMIT - 1)}…`
        : summary,
    severity,
    source,
  };
  for (const key of ['component', 'group', 'class']) {
    const value = textField(section, key);
    if (value !== '') payload[key] = value;
  }
  const event: Record<string, unknown> = {
    routing_key: routingKey,
    event_action: 'trigger',
    payload,
    client: CLIENT,
  };
  const dedupKey = textField(section, 'dedupKey');
  if (dedupKey !== '') event['dedup_key'] = dedupKey;
  const url = textField(section, 'url');
  if (url !== '') event['client_url'] = url;
  return { event };
}
