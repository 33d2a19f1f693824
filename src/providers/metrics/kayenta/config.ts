import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { isRecord } from '../shared/json.js';
import { isHttpUrl } from '../shared/http.js';
import type { Step } from '../shared/outcome.js';

/** A control or experiment scope as Kayenta's canary API takes it (upstream's `ScopeDetail`). */
export interface ScopeDetail {
  scope: string;
  region: string;
  step: number;
  start?: string;
  end?: string;
}

export interface KayentaScope {
  name: string;
  controlScope: ScopeDetail;
  experimentScope: ScopeDetail;
}

/** `provider.kayenta` (spec §2.7). `lookback` is accepted and, as upstream, unused. */
export interface KayentaConfig {
  address: string;
  application: string;
  canaryConfigName: string;
  metricsAccountName: string;
  configurationAccountName: string;
  storageAccountName: string;
  threshold: { pass: number; marginal: number };
  scopes: KayentaScope[];
}

export function parseKayentaConfig(metric: Metric): Step<KayentaConfig> {
  const opened = ConfigReader.forMetric(metric, 'kayenta');
  if (!opened.ok) return opened;
  const r = opened.value;
  const address = r.string('address', true) ?? '';
  if (address !== '' && !isHttpUrl(address))
    r.problem('address', `${JSON.stringify(address)} is not an http(s) URL`);
  const names = [
    'application',
    'canaryConfigName',
    'metricsAccountName',
    'configurationAccountName',
    'storageAccountName',
  ] as const;
  const text = Object.fromEntries(names.map((n) => [n, r.string(n, true) ?? ''])) as Record<
    (typeof names)[number],
    string
  >;
  const t = r.child('threshold');
  if (!t) r.problem('threshold', 'is required');
  const threshold = { pass: t?.number('pass') ?? 0, marginal: t?.number('marginal') ?? 0 };
  if (t && !t.has('pass')) t.problem('pass', 'is required');
  if (t && !t.has('marginal')) t.problem('marginal', 'is required');
  r.boolean('lookback');
  return r.finish<KayentaConfig>('kayenta', {
    address: address.replace(/\/+$/, ''),
    ...text,
    threshold,
    scopes: readScopes(r),
  });
}

function readScopes(r: ConfigReader): KayentaScope[] {
  const raw = r.raw('scopes');
  if (!Array.isArray(raw) || raw.length === 0) {
    r.problem('scopes', 'must list at least one scope');
    return [];
  }
  return raw.map((entry: unknown, i) => {
    const s = isRecord(entry) ? entry : {};
    if (!isRecord(entry)) r.problem(`scopes[${i}]`, 'must be an object');
    const name =
      typeof s['name'] === 'string' && s['name'] !== ''
        ? s['name']
        : (r.problem(`scopes[${i}].name`, 'is required') ?? '');
    return {
      name,
      controlScope: readDetail(r, s, `scopes[${i}]`, 'controlScope'),
      experimentScope: readDetail(r, s, `scopes[${i}]`, 'experimentScope'),
    };
  });
}

function readDetail(
  r: ConfigReader,
  scope: Record<string, unknown>,
  where: string,
  key: string,
): ScopeDetail {
  const raw = scope[key];
  if (!isRecord(raw)) {
    r.problem(`${where}.${key}`, 'is required');
    return { scope: '', region: '', step: 0 };
  }
  const str = (k: string, required: boolean): string | undefined => {
    const v = raw[k];
    if (typeof v === 'string' && v !== '') return v;
    if (required || (v !== undefined && v !== null && v !== ''))
      r.problem(`${where}.${key}.${k}`, required ? 'is required' : 'must be a string');
    return undefined;
  };
  const scopeText = str('scope', true) ?? '';
  const region = str('region', true) ?? '';
  const step = typeof raw['step'] === 'string' ? Number(raw['step']) : raw['step'];
  if (typeof step !== 'number' || !Number.isInteger(step))
    r.problem(`${where}.${key}.step`, 'must be a whole number of seconds');
  const start = str('start', false);
  const end = str('end', false);
  return {
    scope: scopeText,
    region,
    step: typeof step === 'number' ? step : 0,
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
  };
}
