import type { Metric } from '../../../domain/analysis.js';
import { isRecord } from './json.js';
import { fail, ok, type Step } from './outcome.js';

export interface HeaderEntry {
  key: string;
  value: string;
}

/**
 * Reads a provider's configuration (`metric.provider[type]`, plain JSON after `{{args.*}}`
 * substitution), collecting every problem so the error lists them all at once (STYLE: Errors).
 */
export class ConfigReader {
  private constructor(
    private readonly problems: string[],
    private readonly obj: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  static forMetric(metric: Metric, type: string): Step<ConfigReader> {
    // Resources are data from the API server: a metric without a provider block is possible.
    const raw = (metric.provider as Metric['provider'] | undefined)?.[type];
    if (!isRecord(raw))
      return fail(`metric "${metric.name}" has no ${type} provider configuration`);
    return ok(new ConfigReader([], raw, ''));
  }

  /** A reader over a nested object (`authentication.oauth2`), or undefined when it is absent. */
  child(key: string): ConfigReader | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v)) {
      this.problem(key, 'must be an object');
      return undefined;
    }
    return new ConfigReader(this.problems, v, `${this.prefix}${key}.`);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  string(key: string, required = false): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.problem(key, 'is required');
      return undefined;
    }
    if (typeof v !== 'string') return this.problem(key, 'must be a string');
    return v;
  }

  /** A number; numeric strings are accepted since `{{args.*}}` values are strings. */
  number(key: string): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) return this.problem(key, 'must be a number');
    return n;
  }

  boolean(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return this.problem(key, 'must be a boolean');
  }

  stringList(key: string): string[] {
    const v = this.obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      return this.problem(key, 'must be a list of strings') ?? [];
    return v as string[];
  }

  /** `headers: [{key, value}]`, the shape every provider uses. */
  headers(key = 'headers'): HeaderEntry[] {
    const v = this.obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.problem(key, 'must be a list of {key, value}') ?? [];
    const out: HeaderEntry[] = [];
    v.forEach((h: unknown, i) => {
      if (
        !isRecord(h) ||
        typeof h.key !== 'string' ||
        h.key === '' ||
        (h.value !== undefined && typeof h.value !== 'string')
      ) {
        this.problem(`${key}[${i}]`, 'must be {key: string, value: string}');
      } else out.push({ key: h.key, value: typeof h.value === 'string' ? h.value : '' });
    });
    return out;
  }

  problem(key: string, text: string): undefined {
    this.problems.push(`${this.prefix}${key} ${text}`);
    return undefined;
  }

  /** The finished configuration, or one message listing every problem found. */
  finish<T>(type: string, value: T): Step<T> {
    if (this.problems.length > 0)
      return fail(`invalid ${type} provider configuration: ${this.problems.join('; ')}`);
    return ok(value);
  }
}

/**
 * Header names whose values are credentials, redacted from messages like passwords are: any
 * `…key` (`Api_Key`, `X-Access-Key`, Azure's `Ocp-Apim-Subscription-Key`), tokens, sessions,
 * signatures. Masking a value that was not secret costs nothing; missing one leaks it.
 */
export function isSensitiveHeader(name: string): boolean {
  return /auth|token|secret|passw|key|cookie|credential|session|signature/i.test(name);
}

/** `Headers` with `entries` set in order (a later entry with the same name replaces an earlier one, as Go's `Header.Set`). */
export function buildHeaders(entries: HeaderEntry[], base: Record<string, string> = {}): Headers {
  const headers = new Headers(base);
  for (const { key, value } of entries) headers.set(key, value);
  return headers;
}
