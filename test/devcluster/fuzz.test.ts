import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  aReplicaSet,
  type Harness,
  NS,
  startHarness,
  WIDGET_CRD,
  WIDGETS,
} from './harness.js';

// Thousands of hostile requests: the server must answer every one with a Status (never a 5xx,
// never a dropped connection), stay up, and leave the objects it already held untouched.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ maxPods: 300 });
  await h.req('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', WIDGET_CRD);
  await h.req('POST', `${APPS}/replicasets`, aReplicaSet('keep', { replicas: 1 }));
  await h.req('POST', WIDGETS, {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'keep' },
    spec: { replicas: 1 },
  });
  await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'keep' }, data: { a: 'b' } });
});
afterAll(() => h.close());

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomJson(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 5 : 8));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return Math.floor(r() * 2e9) - 1e9;
    case 3:
      return ['', 'x', '../..', '\u0000', '%', '{{args.x}}', 'a'.repeat(300), '🚀'][
        Math.floor(r() * 8)
      ];
    case 4:
      return r() * 1e6;
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
    default: {
      const keys = [
        'metadata',
        'spec',
        'status',
        'kind',
        'apiVersion',
        'name',
        'labels',
        'op',
        'path',
        'value',
        '$patch',
        '$retainKeys',
        'containers',
        'replicas',
        'finalizers',
        'ownerReferences',
        '__proto__',
        'resourceVersion',
      ];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(r() * 5); i++)
        o[keys[Math.floor(r() * keys.length)]!] = randomJson(r, depth + 1);
      return o;
    }
  }
}

const PATHS = [
  `${NS}/configmaps`,
  `${NS}/configmaps/keep`,
  `${NS}/configmaps/fuzz`,
  `${APPS}/replicasets/keep`,
  `${APPS}/replicasets/keep/scale`,
  `${APPS}/replicasets/keep/status`,
  WIDGETS,
  `${WIDGETS}/keep`,
  `${WIDGETS}/keep/status`,
  `${WIDGETS}/keep/scale`,
  `${NS}/pods/nope/eviction`,
  '/api/v1/namespaces',
  '/api/v1/namespaces/default/finalize',
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
  '/apis/x/y/z',
  `${NS}/configmaps?labelSelector=a%3D%3D%3Db`,
  `${NS}/configmaps?fieldSelector=nope%3D1`,
  `${NS}/configmaps?watch=1&resourceVersion=abc`,
  `${NS}/configmaps?limit=-1`,
  `${NS}/configmaps?continue=%%%`,
  `/api/v1/namespaces/default/%2e%2e/secrets`,
  `${NS}/configmaps/%E0%A4%A`,
];
const TYPES = [
  'application/json',
  'application/yaml',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
  'application/vnd.kubernetes.protobuf',
  'text/plain',
  '',
];
const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'];

/** Replaces one randomly chosen node of a valid object with random JSON: type confusion deep inside specs. */
function mutate(r: () => number, value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || r() < 0.2) return randomJson(r);
    const i = Math.floor(r() * value.length);
    return value.map((v, j) => (j === i ? mutate(r, v) : v));
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || r() < 0.2) return randomJson(r);
    const k = keys[Math.floor(r() * keys.length)]!;
    return {
      ...(value as Record<string, unknown>),
      [k]: mutate(r, (value as Record<string, unknown>)[k]),
    };
  }
  return randomJson(r);
}

const VALID: Array<[string, (i: number) => unknown]> = [
  [
    `/api/v1/namespaces/fuzz/pods`,
    (i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1', ports: [{ containerPort: 80 }] }] },
    }),
  ],
  [
    `/api/v1/namespaces/fuzz/services`,
    (i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `s${i}` },
      spec: { selector: { a: 'b' }, ports: [{ port: 80, targetPort: 8080 }] },
    }),
  ],
  [
    `/apis/apps/v1/namespaces/fuzz/replicasets`,
    (i) => ({ ...aReplicaSet(`r${i}`, { replicas: 1 }), metadata: { name: `r${i}` } }),
  ],
  [
    `/apis/apps/v1/namespaces/fuzz/deployments`,
    (i) => ({
      ...aReplicaSet(`d${i}`, { replicas: 1 }),
      kind: 'Deployment',
      metadata: { name: `d${i}` },
    }),
  ],
  [
    `/apis/batch/v1/namespaces/fuzz/jobs`,
    (i) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `j${i}` },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'c', image: 'busybox:1', command: ['sh', '-c', 'exit 0'] }],
          },
        },
      },
    }),
  ],
  [
    `/apis/policy/v1/namespaces/fuzz/poddisruptionbudgets`,
    (i) => ({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: `b${i}` },
      spec: { minAvailable: '50%', selector: { matchLabels: { a: 'b' } } },
    }),
  ],
  [
    `/apis/example.com/v1/namespaces/fuzz/widgets`,
    (i) => ({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: `w${i}` },
      spec: { replicas: 1, color: 'red', extra: { x: [1] } },
    }),
  ],
  ['/apis/apiextensions.k8s.io/v1/customresourcedefinitions', () => WIDGET_CRD],
];

describe('fuzzing the HTTP surface', () => {
  it('answers 2,000 creates of subtly broken objects without a 5xx, and the simulators survive them', async () => {
    await h.req('POST', '/api/v1/namespaces', { metadata: { name: 'fuzz' } });
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const [path, build] = VALID[Math.floor(r() * VALID.length)]!;

      const body = mutate(r, build(i));
      const res = await fetch(`${h.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      expect(
        res.status,
        `${path}: ${JSON.stringify(body).slice(0, 300)} → ${text.slice(0, 300)}`,
      ).toBeLessThan(500);
    }
    await h.advance(5000, 1000);
    expect((await h.req('GET', '/version')).status).toBe(200);
    expect((await h.req('GET', `${WIDGETS}/keep`)).status).toBe(200);
  });

  it('answers 3,000 random requests with Status errors and keeps its data', async () => {
    const r = rng(20261126);
    const before = await Promise.all(
      [`${NS}/configmaps/keep`, `${APPS}/replicasets/keep`, `${WIDGETS}/keep`].map(
        async (p) => (await h.req('GET', p)).body,
      ),
    );
    const codes = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const method = METHODS[Math.floor(r() * METHODS.length)]!;
      let path = PATHS[Math.floor(r() * PATHS.length)]!;
      // Writes never name the seeded objects with a well-formed body, so "keep" must survive.
      if (path.includes('keep') && method !== 'GET') path = path.replace('keep', 'fuzzed');
      // Collection deletes are legitimate: aim them at a namespace without seeded objects.
      if (method === 'DELETE')
        path = path
          .replace(NS, '/api/v1/namespaces/fuzz')
          .replace('/namespaces/default/widgets', '/namespaces/fuzz/widgets')
          .replace('/customresourcedefinitions', '/customresourcedefinitions/fuzzed');
      const type = TYPES[Math.floor(r() * TYPES.length)]!;
      const raw =
        r() < 0.3
          ? Buffer.from(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)))
          : JSON.stringify(randomJson(r));
      const res = await fetch(`${h.url}${path}`, {
        method,
        headers: type ? { 'content-type': type } : {},
        ...(method === 'GET' ? {} : { body: raw }),
      });
      const text = await res.text();
      codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
      expect(res.status, `${method} ${path} ${type}: ${text.slice(0, 200)}`).toBeLessThan(500);
      if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
        expect(JSON.parse(text)).toMatchObject({
          kind: 'Status',
          status: 'Failure',
          code: res.status,
        });
      }
    }
    await h.settle();
    expect((await h.req('GET', '/version')).status).toBe(200);
    const after = await Promise.all(
      [`${NS}/configmaps/keep`, `${APPS}/replicasets/keep`, `${WIDGETS}/keep`].map(
        async (p) => (await h.req('GET', p)).body,
      ),
    );
    expect(after.map((o) => o.metadata.resourceVersion)).toEqual(
      before.map((o) => o.metadata.resourceVersion),
    );
    expect([...codes.keys()].some((c) => c >= 400)).toBe(true);
  });
});
