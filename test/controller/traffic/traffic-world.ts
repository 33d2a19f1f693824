/** A traffic-routed canary in the devcluster: its two Services, the routed objects, and readers for the weights. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObjectJson } from '../../../src/providers/traffic/index.js';
import type { Rollout, Service } from '../../../src/domain/index.js';
import { aCanaryRollout, RO, startWorld, type World } from '../world.js';

export const NAME = 'shop';
const THIRD_PARTY_CRDS = resolve(
  import.meta.dirname,
  '../../../manifests/devcluster/third-party-crds.yaml',
);
export const STEPS = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 60 },
  { pause: { duration: 5 } },
];

export function aService(name: string): KubeObjectJson {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: NAME }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  };
}

export function aStableIngress(name = 'shop', service = 'shop-stable'): KubeObjectJson {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', annotations: { 'team.example/owner': 'storefront' } },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: service, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** The default canary Rollout with `canary` fields merged in (trafficRouting, dynamicStableScale…). */
export function aRoutedRollout(
  canary: Record<string, unknown>,
  opts: { replicas?: number; steps?: unknown[] } = {},
): Rollout {
  const ro = aCanaryRollout(NAME, {
    replicas: opts.replicas ?? 5,
    steps: opts.steps ?? STEPS,
  }) as unknown as Rollout;
  Object.assign(ro.spec.strategy?.canary ?? {}, {
    canaryService: 'shop-canary',
    stableService: 'shop-stable',
    ...canary,
  });
  return ro;
}

export interface TrafficWorld extends World {
  create(object: KubeObjectJson, path: string): Promise<void>;
  get<T = KubeObjectJson>(path: string): Promise<T | undefined>;
  selector(service: string): Promise<string | undefined>;
  recordedWeight(): Promise<number | undefined>;
  /** The mesh and Gateway API CRDs `npm start` installs (manifests/devcluster). */
  installThirdPartyCrds(): Promise<void>;
}

export async function startTrafficWorld(): Promise<TrafficWorld> {
  const w = await startWorld(NAME);
  const tw: TrafficWorld = Object.assign(w, {
    async create(object: KubeObjectJson, path: string) {
      await w.h.req('POST', path, object);
    },
    get: <T>(path: string) => w.kube.find<T>(path),
    async selector(service: string) {
      return (await w.kube.get<Service>(`/api/v1/namespaces/default/services/${service}`)).spec
        ?.selector?.['rollouts-pod-template-hash'];
    },
    async installThirdPartyCrds() {
      const crd = w.h.cluster.api.resource(
        'apiextensions.k8s.io',
        'v1',
        'customresourcedefinitions',
      );
      for (const doc of parseAllDocuments(readFileSync(THIRD_PARTY_CRDS, 'utf8')))
        if (doc.contents) w.h.cluster.api.create(crd, undefined, doc.toJS());
      await w.h.settle();
    },
    async recordedWeight() {
      return (
        (await w.rollout()).status?.canary?.weights as { canary?: { weight?: number } } | undefined
      )?.canary?.weight;
    },
  });
  for (const svc of ['shop-stable', 'shop-canary'])
    await tw.create(aService(svc), '/api/v1/namespaces/default/services');
  return tw;
}

/** Creates the Rollout and lets its first revision become Healthy. */
export async function deployRouted(w: TrafficWorld, rollout: Rollout): Promise<void> {
  await w.h.req('POST', RO, rollout);
  await w.settle();
  await w.advance(2000);
}
