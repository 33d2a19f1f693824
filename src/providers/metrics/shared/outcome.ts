import type { ProviderOutcome } from '../types.js';

/** The result of one pure step: a value, or the message of the error outcome it becomes. */
export type Step<T> = { ok: true; value: T } | { ok: false; message: string };

export function ok<T>(value: T): Step<T> {
  return { ok: true, value };
}

export function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

export function errorOutcome(message: string): ProviderOutcome {
  return { kind: 'error', message };
}

/**
 * Secret values met while measuring (passwords, tokens, client secrets and the Authorization
 * headers built from them). Every message and metadata value leaves the provider through
 * `redact`, so even a server that echoes a credential back cannot leak it into status.
 */
export class SecretList {
  private readonly values = new Set<string>();

  add(...values: Array<string | undefined>): void {
    for (const v of values) if (v !== undefined && v !== '') this.values.add(v);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a token inside an "Authorization: Bearer <token>" value goes as a whole.
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(v).join('*****');
    return out;
  }

  redactOutcome(outcome: ProviderOutcome): ProviderOutcome {
    const metadata = outcome.metadata
      ? Object.fromEntries(Object.entries(outcome.metadata).map(([k, v]) => [k, this.redact(v)]))
      : undefined;
    const withMeta = metadata ? { ...outcome, metadata } : outcome;
    if (withMeta.kind === 'error') return { ...withMeta, message: this.redact(withMeta.message) };
    if (withMeta.kind === 'decided' && withMeta.message !== undefined) return { ...withMeta, message: this.redact(withMeta.message) };
    return withMeta;
  }
}

/**
 * Runs a measurement so that it can never throw (DESIGN §2: failures are data): an unexpected
 * exception becomes an error outcome, and every outcome is redacted.
 */
export async function guardMeasurement(
  provider: string,
  secrets: SecretList,
  measure: () => Promise<ProviderOutcome>,
): Promise<ProviderOutcome> {
  try {
    return secrets.redactOutcome(await measure());
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return secrets.redactOutcome(errorOutcome(`${provider} provider failed unexpectedly: ${detail}`));
  }
}

/** A short, single-line excerpt of a response body for error messages. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
