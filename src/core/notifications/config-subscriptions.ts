import { isRecord } from '../../domain/json.js';
import { asStringList, optionalString, type ProblemList } from './config-yaml.js';
import { parseLabelSelectorText } from './label-selector.js';
import type { ConfigSubscription } from './types.js';

/**
 * The ConfigMap's `subscriptions`: a list of `{recipients: [<service>:<recipient>], triggers, selector}`.
 * An entry with a selector that does not parse is left out (upstream refuses the whole ConfigMap).
 */
export function parseSubscriptions(value: unknown, problems: ProblemList): ConfigSubscription[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add('subscriptions', 'expected a list of {recipients, triggers, selector}');
    return [];
  }
  const out: ConfigSubscription[] = [];
  value.forEach((item, i) => {
    const key = `subscriptions[${i}]`;
    if (!isRecord(item)) {
      problems.add(key, 'expected a mapping with recipients, triggers and selector');
      return;
    }
    const before = problems.items.length;
    const recipients = asStringList(`${key}.recipients`, item.recipients, problems);
    const triggers = asStringList(`${key}.triggers`, item.triggers, problems);
    const selector = optionalString(`${key}.selector`, item.selector, problems);
    if (selector !== undefined) {
      const parsed = parseLabelSelectorText(selector);
      if ('error' in parsed) problems.add(`${key}.selector`, parsed.error);
    }
    if (problems.items.length > before || !recipients || !triggers) return;
    out.push({
      recipients,
      triggers,
      ...(selector !== undefined && selector.trim() !== '' ? { selector } : {}),
    });
  });
  return out;
}
