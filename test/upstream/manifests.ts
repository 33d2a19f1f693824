/** Builders for the objects the plugin tier creates (written for these tests; JSON is valid YAML). */

import { aRollout as aSharedRollout } from '../support/builders/index.js';

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
  /** More `strategy.canary` fields (trafficRouting, dynamicStableScale, canaryService…). */
  canary?: Record<string, unknown>;
  /** More `spec` fields (progressDeadlineSeconds, paused…). */
  spec?: Record<string, unknown>;
  /** `spec.workloadRef` to this Deployment instead of an inline pod template. */
  workloadRef?: string;
}

const podTemplate = (name: string, image: string) => ({
  metadata: { labels: { 'app.kubernetes.io/name': name } },
  spec: {
    containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 80 }] }],
  },
});

/** A Rollout of nginx pods labelled by its name, with the strategy given. */
function aRollout(
  o: {
    name: string;
    namespace: string;
    replicas: number;
    image?: string;
    spec?: Record<string, unknown>;
    workloadRef?: string;
  },
  strategy: Record<string, unknown>,
): Record<string, unknown> {
  const rollout = aSharedRollout({
    name: o.name,
    namespace: o.namespace,
    spec: {
      replicas: o.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { 'app.kubernetes.io/name': o.name } },
      ...(o.workloadRef
        ? {
            template: undefined,
            workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: o.workloadRef },
          }
        : { template: podTemplate(o.name, o.image ?? 'nginx:1.25') }),
      strategy,
      ...o.spec,
    },
  });
  return rollout as unknown as Record<string, unknown>;
}

/** A Deployment a Rollout's workloadRef points at (scaled to 0, as its migration guide says). */
export function aDeployment(o: {
  name: string;
  namespace: string;
  labelName: string;
  image?: string;
}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      replicas: 0,
      selector: { matchLabels: { 'app.kubernetes.io/name': o.labelName } },
      template: podTemplate(o.labelName, o.image ?? 'nginx:1.25'),
    },
  };
}

/** A Service selecting the pods of Rollout `app`. */
export function aService(o: { name: string; namespace: string; app: string }) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      selector: { 'app.kubernetes.io/name': o.app },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
}

/** An NGINX Ingress routing `/` to `service`. */
export function anIngress(o: { name: string; namespace: string; service: string }) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'web.example',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: o.service, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** An Istio VirtualService with one HTTP route `primary` splitting stable 100 / canary 0. */
export function aVirtualService(o: {
  name: string;
  namespace: string;
  stable: string;
  canary: string;
}) {
  return {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      hosts: ['web.example'],
      http: [
        {
          name: 'primary',
          route: [
            { destination: { host: o.stable }, weight: 100 },
            { destination: { host: o.canary }, weight: 0 },
          ],
        },
      ],
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
        ...o.canary,
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
  inconclusiveLimit?: number;
  successCondition?: string;
  /** With it, a result matching neither condition is Inconclusive. */
  failureCondition?: string;
  /** Template arguments (`{{args.<name>}}` in the URL): a name, or a whole argument (`valueFrom`). */
  args?: (string | Record<string, unknown>)[];
}): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      ...(o.args ? { args: o.args.map((a) => (typeof a === 'string' ? { name: a } : a)) } : {}),
      metrics: [
        {
          name: 'ready',
          ...(o.count !== undefined ? { count: o.count } : { interval: '2s' }),
          ...(o.failureLimit !== undefined ? { failureLimit: o.failureLimit } : {}),
          ...(o.inconclusiveLimit !== undefined ? { inconclusiveLimit: o.inconclusiveLimit } : {}),
          successCondition: o.successCondition ?? 'result == true',
          ...(o.failureCondition ? { failureCondition: o.failureCondition } : {}),
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

/**
 * A blue-green Rollout with its active and preview Services; promotion waits for `promote`
 * unless `blueGreen` (more `strategy.blueGreen` fields) says otherwise.
 */
export function aBlueGreenRollout(o: {
  name: string;
  namespace: string;
  replicas?: number;
  image?: string;
  blueGreen?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}): Record<string, unknown>[] {
  const strategy = {
    blueGreen: {
      activeService: `${o.name}-active`,
      previewService: `${o.name}-preview`,
      autoPromotionEnabled: false,
      scaleDownDelaySeconds: 2,
      ...o.blueGreen,
    },
  };
  return [
    aService({ name: `${o.name}-active`, namespace: o.namespace, app: o.name }),
    aService({ name: `${o.name}-preview`, namespace: o.namespace, app: o.name }),
    aRollout({ ...o, replicas: o.replicas ?? 2 }, strategy),
  ];
}
