import type { Delivery } from '../../../domain/notification.js';
import { jsonField, sectionOf, textField, type Section } from '../shared/section.js';

/** Opsgenie's limits (Alert API, create alert): longer values are cut by the API or refused. */
export const OPSGENIE_LIMITS = { message: 130, alias: 512, description: 15_000, note: 25_000 };

const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];
const SOURCE = 'Serverless Rollouts';

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

type Field<T> = { value: T } | { error: string };

function stringList(section: Section, key: string): Field<string[]> {
  const field = jsonField(section, key, 'opsgenie');
  if (field === undefined) return { value: [] };
  if ('error' in field) return field;
  const list = field.value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
    return { error: `opsgenie.${key} must be a list of strings` };
  }
  return { value: list as string[] };
}

function objectList(section: Section, key: string): Field<Record<string, unknown>[]> {
  const field = jsonField(section, key, 'opsgenie');
  if (field === undefined) return { value: [] };
  if ('error' in field) return field;
  const list = field.value;
  const isEntry = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
  if (!Array.isArray(list) || !list.every(isEntry)) {
    return { error: `opsgenie.${key} must be a list of {type, id|name|username}` };
  }
  return { value: list as Record<string, unknown>[] };
}

function details(section: Section): Field<Record<string, string> | undefined> {
  const field = jsonField(section, 'details', 'opsgenie');
  if (field === undefined) return { value: undefined };
  if ('error' in field) return field;
  const map = field.value;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    return { error: 'opsgenie.details must be a map of strings' };
  }
  return { value: Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)])) };
}

/**
 * The create-alert request (`POST /v2/alerts`) for a delivery: the message (cut to 130
 * characters) and the template's `opsgenie` section, as upstream maps it. The recipient is the
 * team responder, as upstream has it; `responders` in the section adds more (our addition).
 */
export function buildOpsgenieAlert(
  delivery: Delivery,
): { alert: Record<string, unknown> } | { error: string } {
  const section = sectionOf(delivery, 'opsgenie') ?? {};
  const description = textField(section, 'description');
  if (sectionOf(delivery, 'opsgenie') !== undefined && description === '') {
    return { error: 'opsgenie.description is empty' };
  }
  if (delivery.message.message.trim() === '') return { error: 'the message is empty' };
  const priority = textField(section, 'priority');
  if (priority !== '' && !PRIORITIES.includes(priority)) {
    return { error: `opsgenie.priority must be one of ${PRIORITIES.join(', ')}` };
  }
  const fields = {
    actions: stringList(section, 'actions'),
    tags: stringList(section, 'tags'),
    visibleTo: objectList(section, 'visibleTo'),
    responders: objectList(section, 'responders'),
    details: details(section),
  };
  for (const field of Object.values(fields)) if ('error' in field) return field;
  const valueOf = <T>(f: Field<T>): T | undefined => ('value' in f ? f.value : undefined);
  const alert: Record<string, unknown> = {
    message: cut(delivery.message.message, OPSGENIE_LIMITS.message),
    responders: [{ type: 'team', id: delivery.recipient }, ...(valueOf(fields.responders) ?? [])],
    source: SOURCE,
  };
  if (description !== '') alert['description'] = cut(description, OPSGENIE_LIMITS.description);
  if (priority !== '') alert['priority'] = priority;
  const alias = textField(section, 'alias');
  if (alias !== '') alert['alias'] = cut(alias, OPSGENIE_LIMITS.alias);
  const note = textField(section, 'note');
  if (note !== '') alert['note'] = cut(note, OPSGENIE_LIMITS.note);
  for (const key of ['entity', 'user']) {
    const value = textField(section, key);
    if (value !== '') alert[key] = value;
  }
  for (const key of ['actions', 'tags', 'visibleTo'] as const) {
    const list = valueOf<unknown[]>(fields[key]) ?? [];
    if (list.length > 0) alert[key] = list;
  }
  const map = valueOf(fields.details);
  if (map && Object.keys(map).length > 0) alert['details'] = map;
  return { alert };
}
