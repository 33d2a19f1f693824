/**
 * The Prometheus text exposition format (version 0.0.4), as pure functions: a family is a name, a
 * HELP text, a TYPE and its samples; `formatFamilies` writes them in order, one HELP and one TYPE
 * line per family, families without samples included (a TYPE with no samples is valid).
 */
export type MetricType = 'gauge' | 'counter' | 'histogram';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  /** The full sample name; defaults to the family's (histograms use `_bucket`, `_sum`, `_count`). */
  name?: string;
  labels: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed (quotes stay). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go-style float text: `+Inf`, `-Inf`, `NaN`, integers without a decimal point. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

export function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => {
    if (!LABEL_NAME.test(k) || k.startsWith('__'))
      throw new Error(`invalid label name ${JSON.stringify(k)}`);
    return `${k}="${escapeLabelValue(v)}"`;
  });
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

export function formatFamily(family: MetricFamily): string {
  if (!METRIC_NAME.test(family.name))
    throw new Error(`invalid metric name ${JSON.stringify(family.name)}`);
  const lines = [
    `# HELP ${family.name} ${escapeHelp(family.help)}`,
    `# TYPE ${family.name} ${family.type}`,
  ];
  for (const s of family.samples)
    lines.push(`${s.name ?? family.name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  return `${lines.join('\n')}\n`;
}

export function formatFamilies(families: readonly MetricFamily[]): string {
  return families.map(formatFamily).join('');
}
