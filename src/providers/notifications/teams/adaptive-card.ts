import type { Delivery } from '../../../domain/notification.js';
import { jsonArrayField, jsonField, sectionOf, textField } from '../shared/section.js';

/** The section key and service type upstream gives Teams Workflows (Power Automate). */
export const WORKFLOWS = 'teams-workflows';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[{name, value}]` (MessageCard facts) as an Adaptive Card FactSet, or nothing when none has a name. */
function factSetOf(facts: unknown): Json[] {
  if (!Array.isArray(facts)) return [];
  const entries = facts
    .filter(isRecord)
    .filter((f) => typeof f['name'] === 'string')
    .map((f) => ({
      title: f['name'],
      value: typeof f['value'] === 'string' ? f['value'] : JSON.stringify(f['value'] ?? ''),
    }));
  return entries.length === 0 ? [] : [{ type: 'FactSet', facts: entries }];
}

/** MessageCard `OpenUri` actions as `Action.OpenUrl`; other kinds have no Workflows equivalent. */
function openUrlActionsOf(actions: unknown[]): Json[] {
  return actions.filter(isRecord).flatMap((a) => {
    const target: unknown = Array.isArray(a['targets']) ? a['targets'][0] : undefined;
    const url = isRecord(target) ? target['uri'] : undefined;
    if (a['@type'] !== 'OpenUri' || typeof url !== 'string' || url === '') return [];
    return [{ type: 'Action.OpenUrl', title: typeof a['name'] === 'string' ? a['name'] : '', url }];
  });
}

function envelope(card: unknown): string {
  const attachment = { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
  return JSON.stringify({ type: 'message', attachments: [attachment] });
}

/**
 * The body a Teams Workflows webhook takes: a `message` carrying one Adaptive Card. The card is
 * `teams-workflows.adaptiveCard` as given, or one built from the MessageCard-style fields (title
 * in the theme colour, text or the message, facts and section facts as FactSets, OpenUri actions).
 */
export function buildWorkflowsBody(delivery: Delivery): { body: string } | { error: string } {
  const section = sectionOf(delivery, WORKFLOWS);
  const custom = jsonField(section, 'adaptiveCard', WORKFLOWS);
  if (custom && 'error' in custom) return custom;
  if (custom) return { body: envelope(custom.value) };
  const sections = jsonArrayField(section, 'sections', WORKFLOWS);
  const facts = jsonArrayField(section, 'facts', WORKFLOWS);
  const actions = jsonArrayField(section, 'potentialAction', WORKFLOWS);
  for (const field of [sections, facts, actions]) if (field && 'error' in field) return field;
  const body: Json[] = [];
  const title = textField(section, 'title');
  if (title !== '') {
    const color = textField(section, 'themeColor');
    body.push({
      type: 'TextBlock',
      text: title,
      size: 'Large',
      weight: 'Bolder',
      wrap: true,
      ...(color ? { color } : {}),
    });
  }
  const text = textField(section, 'text') || delivery.message.message;
  if (text !== '') body.push({ type: 'TextBlock', text, wrap: true });
  body.push(...factSetOf(facts && 'value' in facts ? facts.value : []));
  const sectionList = sections && 'value' in sections ? sections.value : [];
  for (const s of sectionList) if (isRecord(s)) body.push(...factSetOf(s['facts']));
  const card: Json = { type: 'AdaptiveCard', version: '1.4', body };
  const opens = openUrlActionsOf(actions && 'value' in actions ? actions.value : []);
  if (opens.length > 0) card['actions'] = opens;
  return { body: envelope(card) };
}
