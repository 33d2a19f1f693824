// The deployment manifests (manifests/controller, manifests/relay, manifests/worker): they parse, each
// kustomization lists exactly the YAML files of its folder, the RBAC grants what the code calls and
// nothing broader, the Deployments probe the right endpoints and run locked down, and — with kubectl
// on PATH — kustomize builds them and they apply to the devcluster.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_RESOURCES } from '../../functions/relay.js';
import {
  describeKubectl,
  kubectlVersion,
  startKubectlSession,
  type KubectlSession,
} from '../support/kubectl-session.js';
import {
  MANIFESTS_DIR,
  REPO_ROOT,
  isObject,
  kustomizationResources,
  loadDocs,
  type KubeDoc,
} from './helpers.js';

const CONTROLLER_DIR = join(MANIFESTS_DIR, 'controller');
const RELAY_DIR = join(MANIFESTS_DIR, 'relay');
const WORKER_DIR = join(MANIFESTS_DIR, 'worker');
const KUSTOMIZED = [CONTROLLER_DIR, RELAY_DIR];
const NAMESPACE = 'serverless-rollouts';

// ---------------------------------------------------------------------------------------------
// What the code does against the Kubernetes API, as data. Every entry must be granted by the
// controller's ClusterRole, and the ClusterRole may grant nothing else.

interface Need {
  /** What in the code needs it. */
  why: string;
  group: string;
  resource: string;
  verbs: string[];
}

const READ = ['get', 'list', 'watch'];
const READ_WRITE = [...READ, 'create', 'update', 'patch', 'delete'];

const CONTROLLER_NEEDS: Need[] = [
  {
    why: 'load, claim (merge patch), `kubectl argo rollouts` edits; relay watch',
    group: 'argoproj.io',
    resource: 'rollouts',
    verbs: READ_WRITE,
  },
  {
    why: 'status commit (rolloutStatusPath merge patch)',
    group: 'argoproj.io',
    resource: 'rollouts/status',
    verbs: READ_WRITE,
  },
  {
    why: 'HPA / kubectl scale on the scale subresource',
    group: 'argoproj.io',
    resource: 'rollouts/scale',
    verbs: READ_WRITE,
  },
  {
    why: 'create / terminate / delete AnalysisRuns; reconcile them (status through the main resource)',
    group: 'argoproj.io',
    resource: 'analysisruns',
    verbs: READ_WRITE,
  },
  {
    why: 'AnalysisRun status where the CRD has the status subresource',
    group: 'argoproj.io',
    resource: 'analysisruns/status',
    verbs: READ_WRITE,
  },
  { why: 'experiment steps', group: 'argoproj.io', resource: 'experiments', verbs: READ_WRITE },
  {
    why: 'experiment status',
    group: 'argoproj.io',
    resource: 'experiments/status',
    verbs: READ_WRITE,
  },
  {
    why: 'build AnalysisRuns from templates',
    group: 'argoproj.io',
    resource: 'analysistemplates',
    verbs: READ,
  },
  {
    why: 'build AnalysisRuns from cluster templates',
    group: 'argoproj.io',
    resource: 'clusteranalysistemplates',
    verbs: READ,
  },
  {
    why: 'create / scale (merge patch) / delete ReplicaSets; list by selector; relay watch',
    group: 'apps',
    resource: 'replicasets',
    verbs: READ_WRITE,
  },
  {
    why: 'workloadRef: read the Deployment, scale it down (merge patch); relay watch',
    group: 'apps',
    resource: 'deployments',
    verbs: ['get', 'list', 'watch', 'patch'],
  },
  {
    why: 'stable/canary, active/preview selectors (strategic merge patch); relay watch; Experiment template Services',
    group: '',
    resource: 'services',
    verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'],
  },
  {
    why: 'nginx canary Ingress, alb actions (load-traffic, execute-actions trafficWrite)',
    group: 'networking.k8s.io',
    resource: 'ingresses',
    verbs: ['get', 'create', 'patch'],
  },
  ...['virtualservices', 'destinationrules'].map((resource) => ({
    why: 'istio weights and subsets',
    group: 'networking.istio.io',
    resource,
    verbs: ['get', 'patch'],
  })),
  {
    why: 'smi TrafficSplit (created and owned by the Rollout)',
    group: 'split.smi-spec.io',
    resource: 'trafficsplits',
    verbs: ['get', 'create', 'patch'],
  },
  ...['httproutes', 'grpcroutes', 'tcproutes', 'tlsroutes'].map((resource) => ({
    why: 'Gateway API plugin weights',
    group: 'gateway.networking.k8s.io',
    resource,
    verbs: ['get', 'patch'],
  })),
  ...['traefik.io', 'traefik.containo.us'].map((group) => ({
    why: 'traefik weighted TraefikService (both API groups)',
    group,
    resource: 'traefikservices',
    verbs: ['get', 'patch'],
  })),
  {
    why: 'ambassador canary Mapping',
    group: 'getambassador.io',
    resource: 'mappings',
    verbs: ['get', 'create', 'patch', 'delete'],
  },
  {
    why: 'apisix weights and header routes',
    group: 'apisix.apache.org',
    resource: 'apisixroutes',
    verbs: ['get', 'create', 'patch', 'delete'],
  },
  ...['virtualservices', 'virtualrouters', 'virtualnodes'].map((resource) => ({
    why: 'app mesh routes and virtual nodes',
    group: 'appmesh.k8s.aws',
    resource,
    verbs: ['get', 'patch'],
  })),
  {
    why: 'ephemeral metadata (merge patch), restarts (list)',
    group: '',
    resource: 'pods',
    verbs: ['get', 'list', 'patch'],
  },
  {
    why: 'evict (KubeClient.evict) on scale-down',
    group: '',
    resource: 'pods/eviction',
    verbs: ['create'],
  },
  { why: 'record-events', group: '', resource: 'events', verbs: ['create', 'patch'] },
  {
    why: 'AnalysisRun args valueFrom.secretKeyRef, provider credentials',
    group: '',
    resource: 'secrets',
    verbs: ['get'],
  },
  {
    why: 'notification configuration (loadNotificationConfig reads the ConfigMap by name)',
    group: '',
    resource: 'configmaps',
    verbs: ['get'],
  },
  {
    why: 'job metric provider',
    group: 'batch',
    resource: 'jobs',
    verbs: ['create', 'get', 'list', 'watch', 'delete'],
  },
  {
    why: 'stop switches: listed before a step moves; set (create, else merge patch) and cleared by the API',
    group: 'rollouts.serverless.dev',
    resource: 'stopswitches',
    verbs: ['list', 'create', 'patch', 'delete'],
  },
  {
    why: 'disruption budgets around scale-down',
    group: 'policy',
    resource: 'poddisruptionbudgets',
    verbs: READ,
  },
];

const RELAY_NEEDS: Need[] = [
  ...['rollouts', 'analysisruns', 'experiments'].map((resource) => ({
    why: 'relay watch',
    group: 'argoproj.io',
    resource,
    verbs: READ,
  })),
  ...['replicasets', 'deployments'].map((resource) => ({
    why: 'relay watch',
    group: 'apps',
    resource,
    verbs: READ,
  })),
  { why: 'relay watch', group: '', resource: 'services', verbs: READ },
  { why: 'relay watch', group: 'batch', resource: 'jobs', verbs: READ },
];

/** Verbs that hand out more than access to objects (privilege escalation). */
const ESCALATING_VERBS = ['*', 'escalate', 'bind', 'impersonate', 'approve', 'sign'];

// ---------------------------------------------------------------------------------------------

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((f) => join(dir, f));

function docsOf(dir: string): KubeDoc[] {
  return kustomizationResources(dir).flatMap((f) => loadDocs(f));
}

function find(docs: KubeDoc[], kind: string, name?: string): KubeDoc {
  const found = docs.filter(
    (d) => d.kind === kind && (name === undefined || d.metadata.name === name),
  );
  if (found.length !== 1)
    throw new Error(`expected one ${kind}${name ? `/${name}` : ''}, found ${found.length}`);
  return found[0] as KubeDoc;
}

const rulesOf = (role: KubeDoc): PolicyRule[] => (role.rules ?? []) as unknown as PolicyRule[];

/** Every (group, resource, verb) a ClusterRole grants, as `group/resource:verb`. */
function grantsOf(role: KubeDoc): Set<string> {
  const out = new Set<string>();
  for (const r of rulesOf(role))
    for (const g of r.apiGroups ?? [])
      for (const res of r.resources ?? []) for (const v of r.verbs) out.add(`${g}/${res}:${v}`);
  return out;
}

const needed = (needs: Need[]): Set<string> =>
  new Set(needs.flatMap((n) => n.verbs.map((v) => `${n.group}/${n.resource}:${v}`)));

/** `/apis/apps/v1/replicasets` → `apps/replicasets`, `/api/v1/pods` → `/pods`. */
function groupResourceOfPath(path: string): string {
  const core = /^\/api\/v1\/([^/]+)$/.exec(path);
  if (core) return `/${core[1]}`;
  const named = /^\/apis\/([^/]+)\/[^/]+\/([^/]+)$/.exec(path);
  if (!named) throw new Error(`unexpected collection path ${path}`);
  return `${named[1]}/${named[2]}`;
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
  }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Probe {
  httpGet?: { path: string; port: number | string };
  exec?: { command: string[] };
}
interface PodSpec {
  serviceAccountName?: string;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: { name: string; emptyDir?: object }[];
}

function podSpecOf(deploy: KubeDoc): PodSpec {
  const spec = deploy.spec as unknown as { template: { spec: PodSpec } };
  return spec.template.spec;
}

function onlyContainer(deploy: KubeDoc): Container {
  const cs = podSpecOf(deploy).containers;
  expect(cs).toHaveLength(1);
  return cs[0] as Container;
}

/** A probe's port as a number, resolving named ports against the container's. */
function probePort(c: Container, port: number | string): number | undefined {
  return typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;
}

function envOf(c: Container, name: string) {
  return c.env?.find((e) => e.name === name);
}

function expectLockedDown(deploy: KubeDoc): void {
  const pod = podSpecOf(deploy);
  const c = onlyContainer(deploy);
  expect(pod.securityContext?.runAsNonRoot).toBe(true);
  expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
  expect(c.securityContext?.runAsNonRoot).toBe(true);
  expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
  expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
  expect(c.securityContext?.capabilities?.drop).toContain('ALL');
  expect(c.resources?.requests?.cpu).toBeDefined();
  expect(c.resources?.requests?.memory).toBeDefined();
  expect(c.resources?.limits?.memory).toBeDefined();
  // Scratch space under a read-only root (exec credential plugins, Node's own temp files) is a volume.
  const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
  expect(tmp, '/tmp mount').toBeDefined();
  expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
}

// ---------------------------------------------------------------------------------------------

describe('deployment manifests parse', () => {
  for (const dir of KUSTOMIZED) {
    it(`${relative(REPO_ROOT, dir)}: every YAML file parses into named Kubernetes objects`, () => {
      for (const file of yamlFiles(dir)) {
        const docs = parseAllDocuments(readFileSync(file, 'utf8'));
        for (const d of Array.isArray(docs) ? docs : [docs])
          expect([...d.errors, ...d.warnings], file).toEqual([]);
        if (file.endsWith('kustomization.yaml')) continue;
        const objects = loadDocs(file);
        expect(objects.length, file).toBeGreaterThan(0);
        for (const o of objects) {
          expect(o.apiVersion, file).toMatch(/^([a-z0-9.-]+\/)?v\d+/);
          expect(typeof o.kind, file).toBe('string');
          expect(typeof o.metadata.name, file).toBe('string');
          // Namespaced objects say where they go; old kustomize has no reliable `namespace:` for subjects.
          if (!['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind))
            expect(o.metadata.namespace, `${file} ${o.kind}`).toBe(NAMESPACE);
        }
      }
    });
  }
});

describe('kustomizations', () => {
  for (const dir of KUSTOMIZED) {
    it(`${relative(REPO_ROOT, dir)}/kustomization.yaml lists existing files, inside the folder, covering every YAML in it`, () => {
      const listed = kustomizationResources(dir);
      for (const f of listed) {
        expect(existsSync(f), f).toBe(true);
        // Old kustomize (kubectl 1.20) wants files, not directories, and nothing outside its root.
        expect(readdirSync(dir), f).toContain(relative(dir, f));
      }
      expect(new Set(listed).size).toBe(listed.length);
      const onDisk = yamlFiles(dir).filter((f) => !f.endsWith('kustomization.yaml'));
      expect([...listed].sort()).toEqual(onDisk.sort());
    });
  }
});

describe('controller RBAC', () => {
  const docs = docsOf(CONTROLLER_DIR);
  const role = find(docs, 'ClusterRole');

  it('grants every verb the controller code uses', () => {
    const grants = grantsOf(role);
    for (const n of CONTROLLER_NEEDS)
      for (const v of n.verbs)
        expect(
          grants.has(`${n.group}/${n.resource}:${v}`),
          `${n.group}/${n.resource} ${v} (${n.why})`,
        ).toBe(true);
  });

  it('grants nothing beyond that: no wildcards, no escalation, no non-resource URLs', () => {
    const extra = [...grantsOf(role)].filter((g) => !needed(CONTROLLER_NEEDS).has(g));
    expect(extra).toEqual([]);
    for (const r of rulesOf(role)) {
      expect(r.apiGroups).not.toContain('*');
      expect(r.resources).not.toContain('*');
      expect(r.nonResourceURLs).toBeUndefined();
      for (const v of ESCALATING_VERBS) expect(r.verbs).not.toContain(v);
      for (const res of r.resources ?? []) expect(res).not.toMatch(/^(\*|.*\/\*)$/);
    }
    // Secrets: single named reads only — never list or watch every Secret in the cluster.
    expect([...grantsOf(role)].filter((g) => g.startsWith('/secrets:'))).toEqual(['/secrets:get']);
  });

  it('lets the in-process relay list and watch everything it relays', () => {
    const grants = grantsOf(role);
    for (const path of DEFAULT_RESOURCES)
      for (const v of READ)
        expect(grants.has(`${groupResourceOfPath(path)}:${v}`), `${path} ${v}`).toBe(true);
  });

  it('is bound to the ServiceAccount the Deployment runs as', () => {
    const sa = find(docs, 'ServiceAccount');
    const binding = find(docs, 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: sa.metadata.name, namespace: NAMESPACE },
    ]);
    expect(podSpecOf(find(docs, 'Deployment')).serviceAccountName).toBe(sa.metadata.name);
    expect(find(docs, 'Namespace').metadata.name).toBe(NAMESPACE);
  });
});

describe('relay RBAC', () => {
  const docs = docsOf(RELAY_DIR);
  const role = find(docs, 'ClusterRole');

  it('is read-only: exactly get/list/watch on what the relay watches (and Jobs)', () => {
    expect([...grantsOf(role)].sort()).toEqual([...needed(RELAY_NEEDS)].sort());
    for (const r of rulesOf(role))
      expect(
        r.verbs.every((v) => READ.includes(v)),
        JSON.stringify(r),
      ).toBe(true);
  });

  it('covers every collection functions/relay.ts watches', () => {
    const grants = grantsOf(role);
    for (const path of DEFAULT_RESOURCES)
      for (const v of READ)
        expect(grants.has(`${groupResourceOfPath(path)}:${v}`), `${path} ${v}`).toBe(true);
  });

  it('is bound to the ServiceAccount the relay runs as', () => {
    const sa = find(docs, 'ServiceAccount');
    const binding = find(docs, 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: sa.metadata.name, namespace: NAMESPACE },
    ]);
    expect(podSpecOf(find(docs, 'Deployment')).serviceAccountName).toBe(sa.metadata.name);
  });
});

describe('controller Deployment and Service', () => {
  const docs = docsOf(CONTROLLER_DIR);
  const deploy = find(docs, 'Deployment');
  const c = onlyContainer(deploy);

  it('runs the built functions/node.ts (dist/) with PORT and HOOK_SECRET from a Secret', () => {
    expect([...(c.command ?? []), ...(c.args ?? [])]).toEqual([
      'node',
      '--enable-source-maps',
      'dist/functions/node.js',
    ]);
    expect(envOf(c, 'PORT')?.value).toBe('8080');
    expect(envOf(c, 'HOOK_SECRET')?.valueFrom?.secretKeyRef).toMatchObject({
      name: expect.any(String),
      key: expect.any(String),
    });
    expect(c.ports?.map((p) => p.containerPort)).toEqual([8080]);
  });

  it('probes readiness on /readyz and liveness on /healthz, port 8080', () => {
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(probePort(c, c.readinessProbe?.httpGet?.port ?? '')).toBe(8080);
    expect(probePort(c, c.livenessProbe?.httpGet?.port ?? '')).toBe(8080);
  });

  it('runs non-root on a read-only root filesystem with resources set', () =>
    expectLockedDown(deploy));

  it('is exposed by a Service selecting its pods on 8080', () => {
    const svc = find(docs, 'Service');
    const spec = svc.spec as unknown as {
      selector: Record<string, string>;
      ports: { port: number; targetPort: number | string }[];
    };
    const podLabels = (
      deploy.spec as unknown as { template: { metadata: { labels: Record<string, string> } } }
    ).template.metadata.labels;
    expect(Object.keys(spec.selector).length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(spec.selector)) expect(podLabels[k], k).toBe(v);
    expect(spec.ports.map((p) => probePort(c, p.targetPort))).toEqual([8080]);
    const selector = (
      deploy.spec as unknown as { selector: { matchLabels: Record<string, string> } }
    ).selector.matchLabels;
    for (const [k, v] of Object.entries(selector)) expect(podLabels[k], k).toBe(v);
  });
});

describe('relay Deployment', () => {
  const deploy = find(docsOf(RELAY_DIR), 'Deployment');
  const c = onlyContainer(deploy);

  it('runs the built functions/relay.ts with RELAY_TARGET, RELAY_SECRET (a Secret) and RELAY_NAMESPACES', () => {
    expect([...(c.command ?? []), ...(c.args ?? [])]).toEqual([
      'node',
      '--enable-source-maps',
      'dist/functions/relay.js',
    ]);
    expect(envOf(c, 'RELAY_TARGET')?.value).toMatch(/^https:\/\/.+\/hooks\/kube$/);
    const secret = envOf(c, 'RELAY_SECRET')?.valueFrom?.secretKeyRef;
    expect(secret).toMatchObject({ name: expect.any(String), key: expect.any(String) });
    expect(secret?.optional).not.toBe(true);
    expect(envOf(c, 'RELAY_NAMESPACES')).toBeDefined();
  });

  it('probes its own /healthz on the metrics port', () => {
    expect(c.readinessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'metrics' });
    expect(c.livenessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'metrics' });
    expect(c.env?.find((e: { name: string }) => e.name === 'RELAY_PORT')?.value).toBe('8081');
  });

  it('runs non-root on a read-only root filesystem with resources set', () =>
    expectLockedDown(deploy));
});

describe('image and Workers docs', () => {
  it('the Dockerfile builds a non-root Node 20 slim image running the built controller, without tsx', () => {
    const dockerfile = readFileSync(join(CONTROLLER_DIR, 'Dockerfile'), 'utf8');
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-slim$/m);
    expect(froms.every((f) => f === '${NODE_IMAGE}')).toBe(true);
    expect(dockerfile).toMatch(/^USER 1000(:1000)?$/m);
    expect(dockerfile).toContain('CMD ["node", "--enable-source-maps", "dist/functions/node.js"]');
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    // The runtime stage (after the last FROM) has production dependencies and dist/ only.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).not.toMatch(/tsx|COPY src|COPY functions/);
  });

  it('manifests/worker/README.md covers the Tunnel, the token and the wrangler secrets', () => {
    const readme = readFileSync(join(WORKER_DIR, 'README.md'), 'utf8');
    for (const s of [
      'Cloudflare Tunnel',
      'kubectl -n serverless-rollouts create token',
      'kubernetes.io/service-account-token',
      'wrangler secret put KUBE_TOKEN',
      'wrangler secret put HOOK_SECRET',
      'KUBE_SERVER',
      'CF-Access-Client-Id',
      'serverless-rollouts-controller',
    ])
      expect(readme, s).toContain(s);
  });
});

// ---------------------------------------------------------------------------------------------
// kubectl: kustomize builds, and the controller applies to the devcluster.

if (!kubectlVersion)
  console.warn(
    'deploy-manifests: kubectl not on PATH; skipping the kustomize build and devcluster apply tests',
  );

describeKubectl(`kubectl (${kubectlVersion ?? 'absent'}) with the deployment manifests`, () => {
  let session: KubectlSession;
  const kubectl = (...args: string[]) => session.kubectl(...args);
  const ok = (...args: string[]) => session.ok(...args);

  beforeAll(async () => {
    session = await startKubectlSession({
      prefix: 'deploy-manifests',
      cwd: REPO_ROOT,
      cluster: { podReadySeconds: 0.2 },
    });
    // The devcluster serves the RBAC kinds, so `apply -k` is checked exactly as on a cluster.
    expect(
      (await ok('api-resources', '--api-group=rbac.authorization.k8s.io', '-o', 'name')).trim(),
    ).not.toBe('');
  });
  afterAll(() => session?.close());

  for (const folder of KUSTOMIZED) {
    it(`kubectl kustomize ${relative(REPO_ROOT, folder)} builds every listed object`, async () => {
      const out = await ok('kustomize', folder);
      const built = parseAllDocuments(out);
      const kinds = (Array.isArray(built) ? built : [built])
        .map((d) => d.toJS() as unknown)
        .filter(isObject)
        .map((o) => `${String(o.kind)}/${String((o.metadata as { name?: string }).name)}`);
      expect(kinds.sort()).toEqual(
        docsOf(folder)
          .map((d) => `${d.kind}/${String(d.metadata.name)}`)
          .sort(),
      );
    });
  }

  it('kubectl apply -k manifests/controller succeeds on the devcluster and the controller becomes available', async () => {
    const r = await kubectl('apply', '-k', 'manifests/controller');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const obj of [
      'namespace/serverless-rollouts',
      'serviceaccount/serverless-rollouts-controller',
      'clusterrole.rbac.authorization.k8s.io/serverless-rollouts-controller',
      'clusterrolebinding.rbac.authorization.k8s.io/serverless-rollouts-controller',
      'deployment.apps/serverless-rollouts-controller',
      'service/serverless-rollouts-controller',
    ]) {
      expect(r.stdout).toContain(`${obj} created`);
    }
    const stored = JSON.parse(
      await ok('get', 'clusterrole', 'serverless-rollouts-controller', '-o', 'json'),
    ) as KubeDoc;
    expect(stored.rules).toEqual(find(docsOf(CONTROLLER_DIR), 'ClusterRole').rules);
    await ok(
      '-n',
      NAMESPACE,
      'rollout',
      'status',
      'deployment/serverless-rollouts-controller',
      '--timeout=20s',
    );
    // Applying again changes nothing.
    expect(await ok('apply', '-k', 'manifests/controller')).not.toMatch(/ (created|configured)$/m);
  });

  it('kubectl apply -k manifests/relay succeeds next to it', async () => {
    const r = await kubectl('apply', '-k', 'manifests/relay');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('deployment.apps/serverless-rollouts-relay created');
    expect(r.stdout).toContain('namespace/serverless-rollouts unchanged');
  });
});
