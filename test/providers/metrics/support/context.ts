import type { Metric } from '../../../../src/domain/analysis.js';
import type { ProviderContext } from '../../../../src/providers/metrics/types.js';

/** 2023-11-14T22:13:20.000Z */
export const NOW = 1_700_000_000_000;

export function aContext(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return {
    now: NOW,
    fetch: (input, init) => fetch(input, init),
    run: { name: 'canary-abc-2', namespace: 'default', uid: 'run-uid' },
    ...overrides,
  };
}

export function aMetric(
  provider: string,
  config: Record<string, unknown>,
  name = 'success-rate',
): Metric {
  return { name, provider: { [provider]: config } };
}

/** A Secret reader over `{secretName: {key: value}}`. */
export function secretsFrom(
  data: Record<string, Record<string, string>>,
): NonNullable<ProviderContext['secret']> {
  return (name, key) => Promise.resolve(data[name]?.[key]);
}

/** 2024-05-01T12:00:00.000Z: the clock of the vendor (Datadog, CloudWatch, Kayenta, …) tests. */
export const VENDOR_NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

/**
 * A provider context for the vendor tests: Secret access is always there (over `secrets`,
 * `{ name: { key: value } }`), settings default to none, and the run lives in `shop`.
 */
export function aVendorContext(
  overrides: {
    secrets?: Record<string, Record<string, string>>;
    settings?: Record<string, string>;
    now?: number;
  } = {},
): ProviderContext {
  return {
    now: overrides.now ?? VENDOR_NOW,
    fetch: (input, init) => fetch(input, init),
    run: { name: 'canary-run', namespace: 'shop', uid: 'run-uid' },
    secret: secretsFrom(overrides.secrets ?? {}),
    settings: overrides.settings ?? {},
  };
}
