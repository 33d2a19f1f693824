import { stringify } from 'yaml';

/** `-o json` (indented, as kubectl prints) or `-o yaml`. */
export function renderStructured(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? JSON.stringify(value, null, 2) : stringify(value);
}
