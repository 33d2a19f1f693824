import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObjectJson } from '../../../src/providers/traffic/index.js';
import {
  aRoutedRollout,
  deployRouted,
  startTrafficWorld,
  type TrafficWorld,
} from './traffic-world.js';

// The acceptance journey for the mesh and Gateway API routers (spec §4.2, §4.3): the weight
// moves on the routed object through the steps, the stable keeps all its pods, abort returns the
// weight to 0, and promotion points everything at the new pods.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NS = '/namespaces/default';
const VS = `/apis/networking.istio.io/v1alpha3${NS}/virtualservices/shop-vs`;
const DR = `/apis/networking.istio.io/v1alpha3${NS}/destinationrules/shop-dr`;
const SPLIT = `/apis/split.smi-spec.io/v1alpha1${NS}/trafficsplits/shop-split`;
const ROUTE = `/apis/gateway.networking.k8s.io/v1${NS}/httproutes/shop-route`;

const destination = (host: string, weight: number, subset?: string) => ({
  destination: { host, ...(subset ? { subset } : {}), port: { number: 80 } },
  weight,
});

interface RouterCase {
  name: string;
  objects: Array<[collection: string, object: Json]>;
  trafficRouting: Json;
  /** The canary's weight as the routed object says it (undefined: the object carries none). */
  canaryWeight(w: TrafficWorld): Promise<number | undefined>;
  /** After promotion: the routed objects send everything to the new pods. */
  pointsAtNew?(w: TrafficWorld, hash: string): Promise<void>;
}

const CASES: RouterCase[] = [
  {
    name: 'istio (host-level VirtualService)',
    objects: [
      [
        VS.replace('/shop-vs', ''),
        {
          apiVersion: 'networking.istio.io/v1alpha3',
          kind: 'VirtualService',
          metadata: { name: 'shop-vs' },
          spec: {
            hosts: ['shop.example'],
            http: [
              {
                name: 'primary',
                route: [destination('shop-stable', 100), destination('shop-canary', 0)],
              },
            ],
          },
        },
      ],
    ],
    trafficRouting: { istio: { virtualService: { name: 'shop-vs', routes: ['primary'] } } },
    async canaryWeight(w) {
      const vs = await w.get<Json>(VS);
      return vs?.spec.http[0].route.find((r: Json) => r.destination.host === 'shop-canary')?.weight;
    },
  },
  {
    name: 'istio (subset-level with a DestinationRule)',
    objects: [
      [
        VS.replace('/shop-vs', ''),
        {
          apiVersion: 'networking.istio.io/v1alpha3',
          kind: 'VirtualService',
          metadata: { name: 'shop-vs' },
          spec: {
            hosts: ['shop'],
            http: [
              {
                name: 'primary',
                route: [destination('shop', 100, 'stable'), destination('shop', 0, 'canary')],
              },
            ],
          },
        },
      ],
      [
        DR.replace('/shop-dr', ''),
        {
          apiVersion: 'networking.istio.io/v1alpha3',
          kind: 'DestinationRule',
          metadata: { name: 'shop-dr' },
          spec: {
            host: 'shop',
            trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
            subsets: [
              { name: 'stable', labels: { app: 'shop' } },
              { name: 'canary', labels: { app: 'shop' } },
            ],
          },
        },
      ],
    ],
    trafficRouting: {
      istio: {
        virtualService: { name: 'shop-vs', routes: ['primary'] },
        destinationRule: {
          name: 'shop-dr',
          canarySubsetName: 'canary',
          stableSubsetName: 'stable',
        },
      },
    },
    async canaryWeight(w) {
      const vs = await w.get<Json>(VS);
      return vs?.spec.http[0].route.find((r: Json) => r.destination.subset === 'canary')?.weight;
    },
    async pointsAtNew(w, hash) {
      const dr = await w.get<Json>(DR);
      expect(dr?.spec.subsets.map((s: Json) => s.labels['rollouts-pod-template-hash'])).toEqual([
        hash,
        hash,
      ]);
      expect(dr?.spec.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
    },
  },
  {
    name: 'smi (TrafficSplit)',
    objects: [
      [
        '/api/v1/namespaces/default/services',
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'shop' },
          spec: { selector: { app: 'shop' }, ports: [{ port: 80 }] },
        },
      ],
    ],
    trafficRouting: { smi: { rootService: 'shop', trafficSplitName: 'shop-split' } },
    async canaryWeight(w) {
      const split = await w.get<Json>(SPLIT);
      // v1alpha1 writes weights as quantities ("20"); the number is what counts.
      const weight = split?.spec.backends.find((b: Json) => b.service === 'shop-canary')?.weight;
      return weight === undefined ? undefined : Number(weight);
    },
  },
  {
    name: 'Gateway API plugin (HTTPRoute)',
    objects: [
      [
        ROUTE.replace('/shop-route', ''),
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'shop-route' },
          spec: {
            parentRefs: [{ name: 'edge' }],
            rules: [
              {
                backendRefs: [
                  { name: 'shop-stable', port: 80, weight: 100 },
                  { name: 'shop-canary', port: 80, weight: 0 },
                ],
              },
            ],
          },
        },
      ],
    ],
    trafficRouting: {
      plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'shop-route', namespace: 'default' } },
    },
    async canaryWeight(w) {
      const route = await w.get<Json>(ROUTE);
      return route?.spec.rules[0].backendRefs.find((b: Json) => b.name === 'shop-canary')?.weight;
    },
  },
];

let w: TrafficWorld;
beforeEach(async () => {
  w = await startTrafficWorld();
  await w.installThirdPartyCrds();
});
afterEach(() => w.close());

async function setUp(c: RouterCase, canary: Json = {}): Promise<void> {
  for (const [collection, object] of c.objects)
    await w.create(
      { ...object, metadata: { ...object.metadata, namespace: 'default' } } as KubeObjectJson,
      collection,
    );
  await deployRouted(w, aRoutedRollout({ trafficRouting: c.trafficRouting, ...canary }));
  expect((await w.rollout()).status?.phase).toBe('Healthy');
}

async function toFirstPause(c: RouterCase): Promise<void> {
  await w.setImage('registry.example/shop:v2');
  await w.settle();
  expect(await c.canaryWeight(w)).toBe(0);
  await w.advance(2000);
  expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
}

describe.each(CASES)('canary with $name', (c) => {
  it('moves the weight through the steps with the stable full, promotes, and scales the old stable down after the delay', async () => {
    await setUp(c);
    const v1 = (await w.rollout()).status?.stableRS;
    await toFirstPause(c);
    expect(await c.canaryWeight(w)).toBe(20);
    expect(await w.counts()).toEqual({ canary: 1, stable: 5, other: 0 });

    await w.statusPatch({ pauseConditions: null });
    await w.advance(3000);
    expect(await c.canaryWeight(w)).toBe(60);
    expect(await w.counts()).toEqual({ canary: 3, stable: 5, other: 0 });

    await w.advance(8000);
    const ro = await w.rollout();
    const v2 = ro.status?.currentPodHash ?? '';
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(v2).not.toBe(v1);
    expect(await c.canaryWeight(w)).toBe(0);
    expect(await w.selector('shop-stable')).toBe(v2);
    expect(await w.selector('shop-canary')).toBe(v2);
    await c.pointsAtNew?.(w, v2);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 5 });
    await w.advance(32_000, 1000);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('abort returns the weight to 0 and the canary Service to the stable pods', async () => {
    await setUp(c);
    const v1 = (await w.rollout()).status?.stableRS;
    await toFirstPause(c);
    await w.statusPatch({ abort: true });
    await w.settle();
    expect((await w.rollout()).status).toMatchObject({ phase: 'Degraded', abort: true });
    expect(await c.canaryWeight(w)).toBe(0);
    expect(await w.selector('shop-canary')).toBe(v1);
  });
});

describe('dynamicStableScale (spec §8.4)', () => {
  const gateway = CASES[3] as RouterCase;

  it('shrinks the stable as traffic leaves it, and on abort grows it back before draining the canary', async () => {
    await setUp(gateway, { dynamicStableScale: true, abortScaleDownDelaySeconds: undefined });
    await toFirstPause(gateway);
    expect(await gateway.canaryWeight(w)).toBe(20);
    // Traffic is at 20%: the stable only shrinks once the router carries it (ceil(5 × 80%) = 4).
    await w.advance(2000);
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });

    await w.statusPatch({ pauseConditions: null });
    await w.advance(4000);
    expect(await gateway.canaryWeight(w)).toBe(60);
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });

    await w.statusPatch({ abort: true });
    await w.settle();
    // The weight cannot drop while the stable has 2 pods: the stable scales up first.
    let counts = await w.counts();
    expect(counts.stable).toBeGreaterThan(2);
    expect(await gateway.canaryWeight(w)).toBeGreaterThan(0);
    await w.advance(6000, 500);
    counts = await w.counts();
    expect(counts).toEqual({ canary: 0, stable: 5, other: 0 });
    expect(await gateway.canaryWeight(w)).toBe(0);
  });
});

describe('dynamicStableScale rollback to the stable (spec §4.3 step 1)', () => {
  const gateway = CASES[3] as RouterCase;

  it('an update back to the stable template drains the previous canary only as the stable grows back', async () => {
    for (const [collection, object] of gateway.objects)
      await w.create(
        { ...object, metadata: { ...object.metadata, namespace: 'default' } } as KubeObjectJson,
        collection,
      );
    await deployRouted(
      w,
      aRoutedRollout(
        { trafficRouting: gateway.trafficRouting, dynamicStableScale: true },
        { replicas: 4, steps: [{ setWeight: 25 }, { pause: {} }] },
      ),
    );
    const v1 = (await w.rollout()).status?.stableRS;
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(3000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    expect(await gateway.canaryWeight(w)).toBe(25);
    expect(await w.counts()).toEqual({ canary: 1, stable: 3, other: 0 });

    await w.setImage('registry.example/shop:v1');
    await w.settle();
    let ro = await w.rollout();
    expect(ro.status?.currentPodHash).toBe(v1);
    expect(ro.status?.stableRS).toBe(v1);
    // The stable scales back to 4, but until its pods are available the previous canary keeps its traffic and pods.
    const sizes = Object.fromEntries(
      (await w.replicaSets()).map((rs) => [
        rs.metadata.labels?.['rollouts-pod-template-hash'],
        rs.spec.replicas,
      ]),
    );
    expect(sizes).toEqual({ [v1 as string]: 4, [v2 as string]: 1 });
    expect(await gateway.canaryWeight(w)).toBe(25);
    expect(await w.selector('shop-canary')).toBe(v2);

    await w.advance(4000);
    ro = await w.rollout();
    expect(ro.status?.phase).toBe('Healthy');
    expect(await gateway.canaryWeight(w)).toBe(0);
    expect(ro.status?.canary?.weights).toMatchObject({
      canary: { weight: 0 },
      stable: { weight: 100 },
    });
    const after = Object.fromEntries(
      (await w.replicaSets()).map((rs) => [
        rs.metadata.labels?.['rollouts-pod-template-hash'],
        rs.spec.replicas,
      ]),
    );
    expect(after).toEqual({ [v1 as string]: 4, [v2 as string]: 0 });
    expect(await w.selector('shop-canary')).toBe(v1);
  });
});

describe('managed header routes and foreign fields (istio)', () => {
  const STEPS = [
    { setWeight: 20 },
    {
      setHeaderRoute: {
        name: 'beta-testers',
        match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
      },
    },
    { pause: {} },
    { setHeaderRoute: { name: 'beta-testers' } },
    { setWeight: 60 },
    { pause: { duration: 5 } },
  ];
  const foreignVs = {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    metadata: {
      name: 'shop-vs',
      labels: { team: 'storefront' },
      annotations: { 'mesh.example/owner': 'platform' },
    },
    spec: {
      hosts: ['shop.example'],
      gateways: ['edge/public'],
      http: [
        {
          name: 'primary',
          timeout: '3s',
          retries: { attempts: 2, perTryTimeout: '1s' },
          route: [destination('shop-stable', 100), destination('shop-canary', 0)],
        },
      ],
    },
  };
  const routeNames = async () => ((await w.get<Json>(VS))?.spec.http as Json[]).map((r) => r.name);

  it('adds the header route on its step, removes it on the removing step, and leaves unrelated fields as they were', async () => {
    await w.create(
      { ...foreignVs, metadata: { ...foreignVs.metadata, namespace: 'default' } } as KubeObjectJson,
      VS.replace('/shop-vs', ''),
    );
    const ro = aRoutedRollout(
      {
        trafficRouting: {
          managedRoutes: [{ name: 'beta-testers' }],
          istio: { virtualService: { name: 'shop-vs', routes: ['primary'] } },
        },
      },
      { steps: STEPS },
    );
    await deployRouted(w, ro);
    expect(await routeNames()).toEqual(['primary']);

    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 2 });
    expect(await routeNames()).toEqual(['beta-testers', 'primary']);
    const header = ((await w.get<Json>(VS))?.spec.http as Json[])[0];
    expect(header?.match).toEqual([{ headers: { 'x-beta': { exact: 'yes' } } }]);
    expect(header?.route).toEqual([
      expect.objectContaining({
        destination: expect.objectContaining({ host: 'shop-canary' }),
        weight: 100,
      }),
    ]);

    await w.statusPatch({ pauseConditions: null });
    await w.advance(1000);
    expect(await routeNames()).toEqual(['primary']);
    await w.advance(10_000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');

    const after = await w.get<Json>(VS);
    expect(after?.metadata.labels).toEqual(foreignVs.metadata.labels);
    expect(after?.metadata.annotations).toEqual(foreignVs.metadata.annotations);
    expect(after?.spec.gateways).toEqual(foreignVs.spec.gateways);
    const { route: _r, ...primaryRest } = after?.spec.http[0] as Json;
    const { route: _o, ...originalRest } = foreignVs.spec.http[0] as Json;
    expect(JSON.stringify(primaryRest)).toBe(JSON.stringify(originalRest));
  });
});

describe('pingPong (Gateway API plugin)', () => {
  it('sends the canary through the idle Service and, at promotion, makes it the stable one', async () => {
    for (const name of ['shop-ping', 'shop-pong']) {
      await w.create(
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: 'default' },
          spec: { selector: { app: 'shop' }, ports: [{ port: 80 }] },
        } as KubeObjectJson,
        '/api/v1/namespaces/default/services',
      );
    }
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop-route', namespace: 'default' },
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'shop-ping', port: 80, weight: 100 },
              { name: 'shop-pong', port: 80, weight: 0 },
            ],
          },
        ],
      },
    };
    await w.create(route as KubeObjectJson, ROUTE.replace('/shop-route', ''));
    const ro = aRoutedRollout({
      trafficRouting: { plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'shop-route' } } },
    });
    const canary = ro.spec.strategy?.canary as Json;
    delete canary.canaryService;
    delete canary.stableService;
    canary.pingPong = { pingService: 'shop-ping', pongService: 'shop-pong' };
    await deployRouted(w, ro);
    const weights = async () =>
      Object.fromEntries(
        ((await w.get<Json>(ROUTE))?.spec.rules[0].backendRefs as Json[]).map((b) => [
          b.name,
          b.weight,
        ]),
      );
    const v1 = (await w.rollout()).status?.stableRS;
    // The first promotion (the initial deploy) makes ping the stable Service (spec §1.6).
    expect((await w.rollout()).status?.canary?.stablePingPong).toBe('ping');
    const [stableService, idle] = ['shop-ping', 'shop-pong'];
    expect(await w.selector(stableService)).toBe(v1);
    expect((await weights())[stableService]).toBe(100);

    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    expect(await w.selector(idle)).toBe(v2);
    expect(await w.selector(stableService)).toBe(v1);
    expect(await weights()).toEqual({ [stableService]: 80, [idle]: 20 });

    await w.statusPatch({ pauseConditions: null });
    await w.advance(12_000);
    const after = await w.rollout();
    expect(after.status).toMatchObject({
      phase: 'Healthy',
      stableRS: v2,
      canary: { stablePingPong: 'pong' },
    });
    expect(await weights()).toEqual({ [idle]: 100, [stableService]: 0 });
    expect(await w.selector(idle)).toBe(v2);
  });
});

describe('several routers at once and a mirror route', () => {
  it('gives istio and SMI the same weight and mirrors to the canary on its step', async () => {
    const [istio, smi] = [CASES[0], CASES[2]] as [RouterCase, RouterCase];
    for (const [collection, object] of [...istio.objects, ...smi.objects])
      await w.create(
        { ...object, metadata: { ...object.metadata, namespace: 'default' } } as KubeObjectJson,
        collection,
      );
    const steps = [
      { setWeight: 20 },
      { setMirrorRoute: { name: 'shadow', percentage: 50, match: [{ method: { exact: 'GET' } }] } },
      { pause: {} },
      { setWeight: 60 },
      { pause: { duration: 5 } },
    ];
    const trafficRouting = {
      managedRoutes: [{ name: 'shadow' }],
      ...istio.trafficRouting,
      ...smi.trafficRouting,
    };
    await deployRouted(w, aRoutedRollout({ trafficRouting }, { steps }));
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 2 });
    expect([await istio.canaryWeight(w), await smi.canaryWeight(w)]).toEqual([20, 20]);
    const http = (await w.get<Json>(VS))?.spec.http as Json[];
    expect(http.map((r) => r.name)).toEqual(['shadow', 'primary']);
    expect(http[0]).toMatchObject({
      mirror: { host: 'shop-canary' },
      mirrorPercentage: { value: 50 },
    });

    await w.statusPatch({ pauseConditions: null });
    await w.advance(3000);
    expect([await istio.canaryWeight(w), await smi.canaryWeight(w)]).toEqual([60, 60]);
    await w.advance(8000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
    expect([await istio.canaryWeight(w), await smi.canaryWeight(w)]).toEqual([0, 0]);
    expect(((await w.get<Json>(VS))?.spec.http as Json[]).map((r) => r.name)).toEqual(['primary']);
  });
});

describe('experiment templates with a weight (SMI)', () => {
  it('get their own TrafficSplit backend while the Experiment runs, taken from the stable', async () => {
    const smi = CASES[2] as RouterCase;
    for (const [collection, object] of smi.objects)
      await w.create(
        { ...object, metadata: { ...object.metadata, namespace: 'default' } } as KubeObjectJson,
        collection,
      );
    const steps = [
      { setWeight: 20 },
      {
        experiment: {
          duration: '6s',
          templates: [{ name: 'exp-canary', specRef: 'canary', weight: 10 }],
        },
      },
      { setWeight: 60 },
      { pause: {} },
    ];
    const ro0 = aRoutedRollout({ trafficRouting: smi.trafficRouting }, { steps });
    // The template's Service takes its ports from the containers.
    ((ro0.spec.template?.spec as Json).containers[0] as Json).ports = [
      { name: 'http', containerPort: 8080 },
    ];
    await deployRouted(w, ro0);
    // A JSON patch of the image alone: a merge patch would replace the containers and drop the ports.
    await w.h.req(
      'PATCH',
      '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/shop',
      [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'registry.example/shop:v2',
        },
      ],
      'application/json-patch+json',
    );
    await w.settle();
    await w.advance(2000);
    const backends = async () =>
      Object.fromEntries(
        ((await w.get<Json>(SPLIT))?.spec.backends as Json[]).map((b) => [
          b.service,
          Number(b.weight),
        ]),
      );
    const ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(1);
    const ex = await w.get<Json>(
      `/apis/argoproj.io/v1alpha1/namespaces/default/experiments/${ro.status?.canary?.currentExperiment}`,
    );
    const service = ex?.status?.templateStatuses?.[0]?.serviceName as string;
    expect(service).toBeTruthy();
    expect(await backends()).toEqual({ 'shop-canary': 20, [service]: 10, 'shop-stable': 70 });
    expect(ro.status?.canary?.weights).toMatchObject({
      canary: { weight: 20 },
      stable: { weight: 70 },
      additional: [{ serviceName: service, weight: 10 }],
    });

    await w.advance(8000, 1000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(3);
    expect(await backends()).toEqual({ 'shop-canary': 60, 'shop-stable': 40 });
  });
});
