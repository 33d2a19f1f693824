import type { Delivery } from '../../../domain/notification.js';

export type Section = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The service's own section of the rendered template (`slack:`, `teams:`…), if the template has one. */
export function sectionOf(delivery: Delivery, type: string): Section | undefined {
  const section = delivery.message.sections[type];
  return isRecord(section) ? section : undefined;
}

/** A rendered string field; numbers and booleans (YAML `priority: 1`) read as their text. */
export function textField(section: Section | undefined, key: string): string {
  const value = section?.[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A boolean field: YAML `true`, or the text `true` a template rendered. */
export function flagField(section: Section | undefined, key: string): boolean {
  const value = section?.[key];
  return value === true || value === 'true';
}

export type JsonField = { value: unknown } | { error: string } | undefined;

/**
 * A field upstream holds as JSON text (`blocks`, `attachments`, `facts`, `cards`…). A template
 * may also write it as YAML structure, which arrives already parsed. Undefined when absent or blank.
 */
export function jsonField(section: Section | undefined, key: string, where: string): JsonField {
  const value = section?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return { value };
  if (value.trim() === '') return undefined;
  try {
    return { value: JSON.parse(value) as unknown };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { error: `${where}.${key} is not valid JSON (${detail})` };
  }
}

/** `jsonField` that must hold an array (Slack blocks, Teams sections…). */
export function jsonArrayField(
  section: Section | undefined,
  key: string,
  where: string,
): { value: unknown[] } | { error: string } | undefined {
  const field = jsonField(section, key, where);
  if (field === undefined || 'error' in field) return field;
  if (Array.isArray(field.value)) return { value: field.value };
  return { error: `${where}.${key} must be a JSON array` };
}
