import type { Delivery } from '../../../domain/notification.js';
import { jsonArrayField, sectionOf, textField } from '../shared/section.js';

/**
 * The body a Teams connector gets: `teams.template` verbatim when the template gives one,
 * otherwise an Office 365 MessageCard from `title`, `summary`, `text` (the message when absent),
 * `themeColor`, `sections`, `facts` (appended as one more section) and `potentialAction`.
 */
export function buildTeamsBody(delivery: Delivery): { body: string } | { error: string } {
  const section = sectionOf(delivery, 'teams');
  const template = textField(section, 'template');
  if (template.trim() !== '') return { body: template };
  const sections = jsonArrayField(section, 'sections', 'teams');
  const facts = jsonArrayField(section, 'facts', 'teams');
  const actions = jsonArrayField(section, 'potentialAction', 'teams');
  for (const field of [sections, facts, actions]) if (field && 'error' in field) return field;
  const card: Record<string, unknown> = {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    title: textField(section, 'title'),
    summary: textField(section, 'summary'),
    text: textField(section, 'text') || delivery.message.message,
  };
  const themeColor = textField(section, 'themeColor');
  if (themeColor !== '') card['themeColor'] = themeColor;
  const allSections = [...valueOf(sections), ...(facts ? [{ facts: valueOf(facts) }] : [])];
  if (allSections.length > 0) card['sections'] = allSections;
  if (actions && valueOf(actions).length > 0) card['potentialAction'] = valueOf(actions);
  return { body: JSON.stringify(card) };
}

function valueOf(field: { value: unknown[] } | { error: string } | undefined): unknown[] {
  return field && 'value' in field ? field.value : [];
}
