/** Builders for the objects the plugin tier creates (written for these tests; JSON is valid YAML). */

export type Step = Record<string, unknown>;

export interface RolloutOptions {
  name: string;
  namespace: string;
  replicas?: number;
  image?: string;
  steps?: Step[];
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  /** Background analysis (`strategy.canary.analysis`). */
  analysis?: Record<string, unknown>;
}

/** A Rollout of nginx pods labelled by its name, with the strategy given. */
function aRollout(
  o: { name: string; namespace: string; replicas: number; image?: string },
  strategy: Record<string, unknown>,
): Record<string, unknown> {
  const labels = { 'app.kubernetes.io/name': o.name };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      replicas: o.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: o.image ?? 'nginx:1.25',
              ports: [{ name: 'http', containerPort: 80 }],
            },
          ],
        },
      },
      strategy,
    },
  };
}

export function aCanaryRollout(o: RolloutOptions): Record<string, unknown> {
  return aRollout(
    { ...o, replicas: o.replicas ?? 4 },
    {
      canary: {
        ...(o.maxSurge !== undefined ? { maxSurge: o.maxSurge } : {}),
        ...(o.maxUnavailable !== undefined ? { maxUnavailable: o.maxUnavailable } : {}),
        ...(o.analysis ? { analysis: o.analysis } : {}),
        steps: o.steps ?? [],
      },
    },
  );
}

/**
 * A Web metric of `{$.ready}` against a local endpoint. Without `count` it runs until the run is
 * terminated; `{count: 1, failureLimit: 0}` measures once and fails at the first `false`.
 */
export function aWebTemplate(o: {
  name: string;
  namespace: string;
  url: string;
  count?: number;
  failureLimit?: number;
}): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      metrics: [
        {
          name: 'ready',
          ...(o.count !== undefined ? { count: o.count } : { interval: '2s' }),
          ...(o.failureLimit !== undefined ? { failureLimit: o.failureLimit } : {}),
          successCondition: 'result == true',
          provider: { web: { url: o.url, jsonPath: '{$.ready}' } },
        },
      ],
    },
  };
}

export function anExperiment(o: {
  name: string;
  namespace: string;
  template: string;
}): Record<string, unknown> {
  const labels = { 'app.kubernetes.io/name': o.name, variant: 'candidate' };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Experiment',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      templates: [
        {
          name: 'candidate',
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] },
          },
        },
      ],
      analyses: [{ name: 'probe', templateName: o.template }],
    },
  };
}

/** A blue-green Rollout with its active and preview Services; promotion waits for `promote`. */
export function aBlueGreenRollout(o: {
  name: string;
  namespace: string;
  replicas?: number;
  image?: string;
}): Record<string, unknown>[] {
  const service = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: o.namespace },
    spec: {
      selector: { 'app.kubernetes.io/name': o.name },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  });
  const strategy = {
    blueGreen: {
      activeService: `${o.name}-active`,
      previewService: `${o.name}-preview`,
      autoPromotionEnabled: false,
      scaleDownDelaySeconds: 2,
    },
  };
  return [
    service(`${o.name}-active`),
    service(`${o.name}-preview`),
    aRollout({ ...o, replicas: o.replicas ?? 2 }, strategy),
  ];
}
