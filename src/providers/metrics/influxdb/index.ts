import { displayUrl, isHttpUrl, sendHttp } from '../shared/http.js';
import { isRecord, parseJson } from '../shared/json.js';
import {
  errorOutcome,
  excerpt,
  fail,
  guardMeasurement,
  ok,
  SecretList,
  type Step,
} from '../shared/outcome.js';
import type { MetricProvider, ProviderContext } from '../types.js';
import { formatGoSlice, parseFluxValues } from './annotated-csv.js';
import { buildFluxRequest, parseInfluxConfig, type InfluxProfile } from './request.js';

/** Upstream's Flux query timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** `provider.influxdb` with a different request timeout (tests use a short one). */
export function createInfluxdbProvider(options: { timeoutMs?: number } = {}): MetricProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    type: 'influxdb',
    run(ctx, metric) {
      const secrets = new SecretList();
      return guardMeasurement('influxdb', secrets, async () => {
        const config = parseInfluxConfig(metric);
        if (!config.ok) return errorOutcome(config.message);
        const profile = await loadInfluxProfile(ctx, config.value.profile);
        if (!profile.ok) return errorOutcome(profile.message);
        secrets.add(profile.value.authToken, `Token ${profile.value.authToken}`);

        const request = buildFluxRequest(profile.value, config.value.query);
        const reply = await sendHttp(
          ctx,
          { ...request, method: 'POST' },
          `InfluxDB query to ${displayUrl(request.url)}`,
          timeoutMs,
        );
        if (!reply.ok) return errorOutcome(reply.message);
        const { status, body } = reply.value;
        if (status < 200 || status >= 300)
          return errorOutcome(
            `InfluxDB query failed: HTTP ${status}: ${describeInfluxError(body)}`,
          );
        const values = parseFluxValues(body);
        if (!values.ok) return errorOutcome(`InfluxDB query failed: ${values.message}`);
        if (values.value.length === 0) return errorOutcome('no results returned from flux query');
        return { kind: 'value', result: values.value, value: formatGoSlice(values.value) };
      });
    },
  };
}

/** `provider.influxdb`: a Flux query's `_value`s as an array (spec §2.7). */
export const influxdb: MetricProvider = createInfluxdbProvider();

/** The profile Secret (in the run's namespace): keys `address`, `authToken`, `org`. */
async function loadInfluxProfile(ctx: ProviderContext, name: string): Promise<Step<InfluxProfile>> {
  if (!ctx.secret)
    return fail(
      `InfluxDB profile secret "${name}" cannot be read: no Secret access in this runtime`,
    );
  const read = ctx.secret;
  let entries: Array<string | undefined>;
  try {
    entries = await Promise.all(['address', 'authToken', 'org'].map((key) => read(name, key)));
  } catch (err) {
    return fail(
      `could not read InfluxDB profile secret "${name}": ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const [address = '', authToken = '', org = ''] = entries;
  const missing = Object.entries({ address, authToken, org })
    .filter(([, v]) => v === '')
    .map(([k]) => k);
  if (missing.length > 0)
    return fail(`InfluxDB profile secret "${name}" is missing ${missing.join(', ')}`);
  if (!isHttpUrl(address))
    return fail(
      `InfluxDB profile secret "${name}": address ${JSON.stringify(address)} is not an http(s) URL`,
    );
  return ok({ address, authToken, org });
}

/** InfluxDB errors are JSON `{code, message}`; anything else is shown as an excerpt. */
function describeInfluxError(body: string): string {
  const parsed = parseJson(body);
  if (parsed.ok && isRecord(parsed.value) && typeof parsed.value.message === 'string') {
    return typeof parsed.value.code === 'string'
      ? `${parsed.value.code}: ${parsed.value.message}`
      : parsed.value.message;
  }
  return JSON.stringify(excerpt(body));
}
