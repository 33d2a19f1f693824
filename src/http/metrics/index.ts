export { metricsRoutes, loadMetricFamilies, type MetricsOptions } from './metrics-routes.js';
export { MetricsRegistry, Counter, Gauge, Histogram, DEFAULT_BUCKETS } from './metrics-registry.js';
export { countingFetch, parseKubeRequest } from './count-kube-requests.js';
export * from './prometheus-text.js';
export {
  buildAnalysisRunFamilies,
  buildControllerInfo,
  buildRolloutFamilies,
} from './rollout-metrics.js';
export { notificationMetricsFor } from './notification-metrics.js';
