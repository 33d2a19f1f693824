import { parse as parseYaml } from 'yaml';
import { isRecord } from '../../domain/json.js';
import type { ConfigProblem } from './types.js';

/** Problems found while parsing, each under the ConfigMap key (or key path) it is in. */
export class ProblemList {
  readonly items: ConfigProblem[] = [];

  add(key: string, message: string): void {
    this.items.push({ key, message });
  }
}

/** The YAML value of a ConfigMap key, or undefined after listing the syntax error under `key`. */
export function parseYamlValue(key: string, text: string, problems: ProblemList): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    problems.add(key, `invalid YAML: ${message}`);
    return undefined;
  }
}

/** A YAML mapping (an empty value is an empty mapping), or undefined after listing why not. */
export function asMapping(
  key: string,
  value: unknown,
  problems: ProblemList,
): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return {};
  if (isRecord(value)) return value;
  problems.add(key, 'expected a mapping');
  return undefined;
}

/** A YAML list of strings, or undefined after listing why not. */
export function asStringList(
  key: string,
  value: unknown,
  problems: ProblemList,
): string[] | undefined {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  problems.add(key, 'expected a list of strings');
  return undefined;
}

/** An optional string field; a non-string is listed under `key` and taken as absent. */
export function optionalString(
  key: string,
  value: unknown,
  problems: ProblemList,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  problems.add(key, 'expected a string');
  return undefined;
}
