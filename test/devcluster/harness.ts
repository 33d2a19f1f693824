import {
  ManualClock,
  startDevCluster,
  type DevCluster,
  type DevClusterOptions,
} from '../../src/devcluster/index.js';

export interface Harness {
  cluster: DevCluster;
  clock: ManualClock;
  url: string;
  /** A request as any HTTP client would send it; JSON bodies unless a content type says otherwise. */
  req(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Kubernetes JSON
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Lets the simulators run until they have nothing queued. */
  settle(): Promise<void>;
  /** Advances the manual clock in steps, settling after each (pods become ready, jobs finish). */
  advance(ms: number, stepMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: DevClusterOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const cluster = await startDevCluster({ clock, podReadySeconds: 1, ...opts });
  const settle = async () => {
    for (let i = 0; i < 1000; i++) {
      await new Promise((r) => setImmediate(r));
      if (!cluster.simulators || cluster.simulators.idle()) {
        await new Promise((r) => setImmediate(r));
        if (!cluster.simulators || cluster.simulators.idle()) return;
      }
    }
    throw new Error('simulators did not settle');
  };
  const h: Harness = {
    cluster,
    clock,
    url: cluster.url,
    async req(method, path, body, contentType = 'application/json', headers = {}) {
      const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = contentType;
      }
      const res = await fetch(`${cluster.url}${path}`, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* plain text answers (health, logs) stay text */
      }
      await settle();
      return { status: res.status, body: parsed, headers: res.headers };
    },
    settle,
    async advance(ms, stepMs = 250) {
      for (let t = 0; t < ms; t += stepMs) {
        clock.advance(Math.min(stepMs, ms - t));
        await settle();
      }
    },
    close: () => cluster.close(),
  };
  await settle();
  return h;
}

export const NS = '/api/v1/namespaces/default';
export const APPS = '/apis/apps/v1/namespaces/default';

export function aReplicaSet(
  name: string,
  overrides: {
    replicas?: number;
    minReadySeconds?: number;
    image?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  } = {},
) {
  const labels = overrides.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas: overrides.replicas ?? 2,
      minReadySeconds: overrides.minReadySeconds ?? 0,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          ...(overrides.annotations ? { annotations: overrides.annotations } : {}),
        },
        spec: { containers: [{ name: 'app', image: overrides.image ?? 'nginx:1.25' }] },
      },
    },
  };
}

/** A small CRD of our own for API-semantics tests (status + scale subresources, printer columns). */
export const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: {
          status: {},
          scale: {
            specReplicasPath: '.spec.replicas',
            statusReplicasPath: '.status.replicas',
            labelSelectorPath: '.status.selector',
          },
        },
        additionalPrinterColumns: [
          { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer', minimum: 0 },
                  color: { type: 'string', enum: ['red', 'blue'] },
                  size: { 'x-kubernetes-int-or-string': true },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string' },
                  replicas: { type: 'integer' },
                  selector: { type: 'string' },
                },
              },
            },
          },
        },
      },
    ],
  },
};

export const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';
