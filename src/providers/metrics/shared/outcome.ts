import { buildRedactor, type Redact, redactDeep } from '../../../domain/redaction.js';
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
 * headers built from them). Every outcome leaves the provider through `redactOutcome`, so even a
 * server that echoes a credential back, in whatever encoding, cannot leak it into status.
 */
export class SecretList {
  private readonly values = new Set<string>();
  private redactor: Redact | undefined;

  add(...values: Array<string | undefined>): void {
    for (const v of values) if (v !== undefined && v !== '') this.values.add(v);
    this.redactor = undefined;
  }

  redact(text: string): string {
    this.redactor ??= buildRedactor(this.values);
    return this.redactor(text);
  }

  redactOutcome(outcome: ProviderOutcome): ProviderOutcome {
    return this.values.size === 0 ? outcome : redactOutcome(outcome, (text) => this.redact(text));
  }
}

/**
 * The outcome with `redact` applied to what the measured system said: message, value, the result
 * conditions see and metadata. Its kind, phase and resume time are the provider's own and stay.
 */
export function redactOutcome(outcome: ProviderOutcome, redact: Redact): ProviderOutcome {
  const out = { ...outcome };
  if (out.metadata) out.metadata = redactDeep(out.metadata, redact);
  if ('message' in out && out.message !== undefined) out.message = redact(out.message);
  if ('value' in out && out.value !== undefined) out.value = redact(out.value);
  if (out.kind === 'value') out.result = redactDeep(out.result, redact);
  return out;
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
    return secrets.redactOutcome(
      errorOutcome(`${provider} provider failed unexpectedly: ${detail}`),
    );
  }
}

/** A short, single-line excerpt of a response body for error messages. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
