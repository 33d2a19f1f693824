import type { Labels, MetricFamily, Sample } from './prometheus-text.js';

/** Upstream client_golang's default buckets (seconds): fine for reconcile durations. */
export const DEFAULT_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

interface Series<T> {
  labels: Labels;
  value: T;
}

interface HistogramValue {
  counts: number[];
  sum: number;
  count: number;
}

/** Series are keyed by their label values in the declared label order. */
const keyOf = (labels: Labels, names: readonly string[]) =>
  JSON.stringify(names.map((n) => labels[n] ?? ''));

/** One number per label set: a counter only goes up, a gauge is set. */
abstract class Scalar {
  protected readonly series = new Map<string, Series<number>>();
  protected abstract readonly type: 'counter' | 'gauge';
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  protected update(labels: Labels, next: (value: number) => number): void {
    const k = keyOf(labels, this.labelNames);
    const s = this.series.get(k) ?? { labels: pick(labels, this.labelNames), value: 0 };
    s.value = next(s.value);
    this.series.set(k, s);
  }

  family(): MetricFamily {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      samples: [...this.series.values()].map((s) => ({ labels: s.labels, value: s.value })),
    };
  }
}

export class Counter extends Scalar {
  protected readonly type = 'counter';

  inc(labels: Labels, by = 1): void {
    this.update(labels, (v) => v + by);
  }
}

/** A value set from the process's own state (not computed from the cluster at scrape time). */
export class Gauge extends Scalar {
  protected readonly type = 'gauge';

  set(labels: Labels, value: number): void {
    this.update(labels, () => value);
  }
}

export class Histogram {
  private readonly series = new Map<string, Series<HistogramValue>>();
  readonly buckets: readonly number[];
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels, value: number): void {
    const k = keyOf(labels, this.labelNames);
    const s = this.series.get(k) ?? {
      labels: pick(labels, this.labelNames),
      value: { counts: this.buckets.map(() => 0), sum: 0, count: 0 },
    };
    this.buckets.forEach((b, i) => {
      if (value <= b) s.value.counts[i] = (s.value.counts[i] ?? 0) + 1;
    });
    s.value.sum += value;
    s.value.count += 1;
    this.series.set(k, s);
  }

  /** Cumulative `_bucket` samples with `le`, the `+Inf` bucket, then `_sum` and `_count`, per series. */
  family(): MetricFamily {
    const samples: Sample[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) =>
        samples.push({
          name: `${this.name}_bucket`,
          labels: { ...s.labels, le: String(b) },
          value: s.value.counts[i] ?? 0,
        }),
      );
      samples.push({
        name: `${this.name}_bucket`,
        labels: { ...s.labels, le: '+Inf' },
        value: s.value.count,
      });
      samples.push({ name: `${this.name}_sum`, labels: s.labels, value: s.value.sum });
      samples.push({ name: `${this.name}_count`, labels: s.labels, value: s.value.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}

/** Upstream's buckets for `notification_send` (controller/metrics/prommetrics.go). */
const NOTIFICATION_SEND_BUCKETS = [0.01, 0.15, 0.25, 0.5, 1];

/**
 * The counters and histograms a long-lived runtime can keep (the Node server passes one in; a
 * Worker isolate has no process to count over). Gauges are not here: they are computed at scrape
 * time from the cluster. Only the metrics somebody records into are exposed.
 */
export class MetricsRegistry {
  readonly reconcile = new Histogram(
    'rollout_reconcile',
    'Seconds one reconcile of a Rollout took.',
    ['namespace', 'name'],
  );
  readonly reconcileError = new Counter(
    'rollout_reconcile_error',
    'Reconciles of a Rollout that ended in an error.',
    ['namespace', 'name'],
  );
  readonly kubeRequests = new Counter(
    'controller_clientset_k8s_request_total',
    'Requests this process made to the Kubernetes API, by resource, verb and HTTP status.',
    ['kind', 'namespace', 'name', 'verb', 'status_code'],
  );
  /** Spec §6: labels as upstream's (the Rollout, and the event's type and reason). */
  readonly notificationSuccess = new Counter('notification_send_success', 'Notifications sent.', [
    'namespace',
    'name',
    'type',
    'reason',
  ]);
  readonly notificationError = new Counter(
    'notification_send_error',
    'Notifications that could not be sent (after their retries).',
    ['namespace', 'name', 'type', 'reason'],
  );
  readonly notificationSend = new Histogram(
    'notification_send',
    'Seconds one notification send took.',
    ['namespace', 'name'],
    NOTIFICATION_SEND_BUCKETS,
  );
  readonly notificationConfigProblems = new Gauge(
    'notification_config_problems',
    'Problems in the notification ConfigMap and Secret as last parsed (each is listed in a Warning Event on the ConfigMap).',
    ['namespace'],
  );
  private readonly used = new Set<Counter | Histogram | Gauge>();

  /** Marks a metric as recorded by this runtime, so it is exposed even before its first sample. */
  expose(...metrics: Array<Counter | Histogram | Gauge>): this {
    for (const m of metrics) this.used.add(m);
    return this;
  }

  families(): MetricFamily[] {
    return [...this.used].map((m) => m.family());
  }
}

function pick(labels: Labels, names: readonly string[]): Labels {
  return Object.fromEntries(names.map((n) => [n, labels[n] ?? '']));
}
