import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevGitHub, type DevGitHub } from '../../src/devgithub/index.js';
import { signDelivery } from '../../src/http/hooks/index.js';
import { aCanaryRollout } from '../controller/world.js';
import {
  buildEntries,
  type EntryProcess,
  eventually,
  freePort,
  startEntry,
  startRecorder,
  startTestCluster,
  type TestCluster,
} from './entry-support.js';

/**
 * Issue 18: every variable README documents for the Node controller reaches its consumer through
 * the real entry point, `functions/node.ts` as the image runs it (built, `dist/functions/node.js`),
 * started as a process with that environment against a devcluster. Each test observes the effect:
 * an HTTP answer, a status written to the cluster, a request arriving at a local endpoint, or an
 * exit naming the bad value.
 */
let out = '';
let tc: TestCluster;
const running: EntryProcess[] = [];

beforeAll(async () => {
  [out, tc] = await Promise.all([buildEntries(), startTestCluster()]);
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await tc?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/** One controller at a time: an earlier one would act on the same objects with other settings. */
async function startController(env: Record<string, string>): Promise<EntryProcess> {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  const p = startEntry(['--enable-source-maps', join(out, 'functions/node.js')], {
    KUBECONFIG: tc.kubeconfig,
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  running.push(p);
  return p;
}

/** Starts the controller and returns its base URL once it listens. */
async function listening(env: Record<string, string>): Promise<{ url: string; p: EntryProcess }> {
  const p = await startController(env);
  const [, port] = await p.waitFor(/controller listening on :(\d+)/);
  return { url: `http://${env.HOST ?? '127.0.0.1'}:${port}`, p };
}

const kubeGet = async <T>(path: string): Promise<T | undefined> => {
  const res = await fetch(`${tc.cluster.url}${path}`);
  return res.ok ? ((await res.json()) as T) : undefined;
};
const kubePost = async (path: string, body: unknown): Promise<number> =>
  (
    await fetch(`${tc.cluster.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).status;

const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
const anAnalysisRun = (name: string, provider: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisRun',
  metadata: { name, namespace: 'default' },
  spec: { metrics: [{ name: 'm', successCondition: 'true', provider }] },
});

async function deliverKube(url: string, secret: string): Promise<number> {
  const raw = JSON.stringify({
    type: 'ADDED',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } },
  });
  const signed = await signDelivery(secret, raw, {
    timestamp: Math.floor(Date.now() / 1000),
    deliveryId: `d-${randomUUID()}`,
  });
  return (
    await fetch(`${url}/hooks/kube`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: raw,
    })
  ).status;
}

const withBearer = (token?: string) => (token ? { authorization: `Bearer ${token}` } : undefined);
const statusOf = async (url: string, token?: string) => {
  const headers = withBearer(token);
  return (await fetch(url, headers ? { headers } : {})).status;
};

describe('functions/node.ts: the cluster and the listener', () => {
  it('KUBECONFIG: the controller reconciles a Rollout in the cluster it names', async () => {
    await listening({});
    const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
    expect(await kubePost(ROLLOUTS, aCanaryRollout('entry-kubeconfig', { replicas: 2 }))).toBe(201);
    const phase = await eventually(async () => {
      const r = await kubeGet<{ status?: { phase?: string } }>(`${ROLLOUTS}/entry-kubeconfig`);
      return r?.status?.phase === 'Healthy' ? r.status.phase : undefined;
    }, 'Rollout Healthy');
    expect(phase).toBe('Healthy');
  });

  it('PORT: the controller listens on that port', async () => {
    const port = await freePort();
    const { p } = await listening({ PORT: String(port) });
    expect(p.output()).toContain(`controller listening on :${port}`);
    expect(await statusOf(`http://127.0.0.1:${port}/healthz`)).toBe(200);
  });

  it('HOST: the controller listens on that address only', async () => {
    const { url } = await listening({ HOST: '127.0.0.2' });
    expect(await statusOf(`${url}/healthz`)).toBe(200);
    await expect(fetch(url.replace('127.0.0.2', '127.0.0.1') + '/healthz')).rejects.toThrow();
  });
});

describe('functions/node.ts: secrets and tokens', () => {
  it('HOOK_SECRET: deliveries to /hooks/kube must be signed with it', async () => {
    const { url } = await listening({ HOOK_SECRET: 'entry-hook-secret' });
    expect(await deliverKube(url, 'entry-hook-secret')).toBe(202);
    expect(await deliverKube(url, 'another-secret')).toBe(401);
  });

  it('HOOK_SECRET_PREVIOUS: deliveries signed with the secret being rotated out are accepted', async () => {
    const { url } = await listening({ HOOK_SECRET: 'new-hook', HOOK_SECRET_PREVIOUS: 'old-hook' });
    expect(await deliverKube(url, 'old-hook')).toBe(202);
    expect(await deliverKube(url, 'other-hook')).toBe(401);
  });

  it('API_TOKEN: /api takes that bearer token (and answers 503 without one configured)', async () => {
    const { url } = await listening({ API_TOKEN: 'entry-api-token' });
    expect(await statusOf(`${url}/api/v1/rollouts/default/info`, 'entry-api-token')).toBe(200);
    expect(await statusOf(`${url}/api/v1/rollouts/default/info`, 'wrong')).toBe(401);
    const bare = await listening({});
    expect(await statusOf(`${bare.url}/api/v1/rollouts/default/info`, 'entry-api-token')).toBe(503);
  });

  it('API_TOKEN_PREVIOUS: the token being rotated out is still accepted', async () => {
    const { url } = await listening({ API_TOKEN: 'api-new', API_TOKEN_PREVIOUS: 'api-old' });
    expect(await statusOf(`${url}/api/v1/rollouts/default/info`, 'api-old')).toBe(200);
  });

  it('METRICS_TOKEN: /metrics takes that bearer token', async () => {
    const { url } = await listening({ METRICS_TOKEN: 'entry-metrics' });
    expect(await statusOf(`${url}/metrics`)).toBe(401);
    expect(await statusOf(`${url}/metrics`, 'entry-metrics')).toBe(200);
  });

  it('METRICS_TOKEN_PREVIOUS: the scrape token being rotated out is still accepted', async () => {
    const { url } = await listening({
      METRICS_TOKEN: 'metrics-new',
      METRICS_TOKEN_PREVIOUS: 'metrics-old',
    });
    expect(await statusOf(`${url}/metrics`, 'metrics-old')).toBe(200);
    expect(await statusOf(`${url}/metrics`, 'metrics-other')).toBe(401);
  });
});

describe('functions/node.ts: analysis settings reach the metric providers', () => {
  let endpoint: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    endpoint = await startRecorder((req) =>
      req.url.startsWith('/api/v1/query')
        ? { status: 'success', data: { resultType: 'vector', result: [{ value: [1, '1'] }] } }
        : {},
    );
    expect(
      await kubePost('/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'analysis-jobs' },
      }),
    ).toBe(201);
    await listening({
      ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: endpoint.url,
      ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE: 'analysis-jobs',
      DD_API_KEY: 'dd-api-key',
      DD_APP_KEY: 'dd-app-key',
      DD_ADDRESS: `${endpoint.url}/dd`,
      AWS_ACCESS_KEY_ID: 'AKIDENTRYTEST',
      AWS_SECRET_ACCESS_KEY: 'aws-secret',
      AWS_SESSION_TOKEN: 'aws-session',
      AWS_REGION: 'eu-west-3',
      AWS_ENDPOINT_URL_CLOUDWATCH: `${endpoint.url}/cloudwatch`,
    });
  }, 60_000);
  afterAll(() => endpoint?.close());

  const arrived = (what: string, test: (r: (typeof endpoint.requests)[number]) => boolean) =>
    eventually(() => endpoint.requests.find(test), what);

  it('ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: a Prometheus metric with no address is measured there', async () => {
    expect(await kubePost(AR, anAnalysisRun('prom', { prometheus: { query: 'up' } }))).toBe(201);
    const req = await arrived('a Prometheus query', (r) => r.url.startsWith('/api/v1/query'));
    expect(req.url + req.body).toContain('up');
    const phase = await eventually(async () => {
      const run = await kubeGet<{ status?: { phase?: string } }>(`${AR}/prom`);
      return run?.status?.phase === 'Successful' ? 'Successful' : undefined;
    }, 'the run Successful');
    expect(phase).toBe('Successful');
  });

  it('ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE: a Job metric runs its Job in that namespace', async () => {
    const job = {
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 0'] }],
          },
        },
      },
    };
    expect(await kubePost(AR, anAnalysisRun('job', { job }))).toBe(201);
    const jobs = await eventually(async () => {
      const list = await kubeGet<{ items: unknown[] }>(
        '/apis/batch/v1/namespaces/analysis-jobs/jobs',
      );
      return list?.items.length ? list.items : undefined;
    }, 'a Job in analysis-jobs');
    expect(jobs).toHaveLength(1);
    const inDefault = await kubeGet<{ items: unknown[] }>('/apis/batch/v1/namespaces/default/jobs');
    expect(inDefault?.items).toEqual([]);
  });

  it.each([
    ['DD_ADDRESS', (r: { url: string }) => expect(r.url).toMatch(/^\/dd\/api\/v1\/query/)],
    [
      'DD_API_KEY',
      (r: { headers: Record<string, unknown> }) =>
        expect(r.headers['dd-api-key']).toBe('dd-api-key'),
    ],
    [
      'DD_APP_KEY',
      (r: { headers: Record<string, unknown> }) =>
        expect(r.headers['dd-application-key']).toBe('dd-app-key'),
    ],
  ])('%s: a Datadog metric without a secret queries with it', async (_name, check) => {
    if (!endpoint.requests.some((r) => r.url.startsWith('/dd/')))
      expect(
        await kubePost(
          AR,
          anAnalysisRun('dd', { datadog: { query: 'avg:x{*}', apiVersion: 'v1' } }),
        ),
      ).toBe(201);
    check(await arrived('a Datadog query', (r) => r.url.startsWith('/dd/')));
  });

  it.each([
    ['AWS_ENDPOINT_URL_CLOUDWATCH', (r: { url: string }) => expect(r.url).toMatch(/^\/cloudwatch/)],
    [
      'AWS_ACCESS_KEY_ID',
      (r: { headers: Record<string, unknown> }) =>
        expect(String(r.headers.authorization)).toContain('Credential=AKIDENTRYTEST/'),
    ],
    [
      'AWS_SECRET_ACCESS_KEY',
      // It signs but never travels: a SigV4 signature is there, the secret is not.
      (r: { headers: Record<string, unknown>; body: string }) => {
        expect(String(r.headers.authorization)).toMatch(/Signature=[0-9a-f]{64}$/);
        expect(JSON.stringify(r.headers) + r.body).not.toContain('aws-secret');
      },
    ],
    [
      'AWS_SESSION_TOKEN',
      (r: { headers: Record<string, unknown> }) =>
        expect(r.headers['x-amz-security-token']).toBe('aws-session'),
    ],
    [
      'AWS_REGION',
      (r: { headers: Record<string, unknown> }) =>
        expect(String(r.headers.authorization)).toContain('/eu-west-3/monitoring/aws4_request'),
    ],
  ])('%s: a CloudWatch metric is fetched with it', async (_name, check) => {
    if (!endpoint.requests.some((r) => r.url.startsWith('/cloudwatch')))
      expect(
        await kubePost(
          AR,
          anAnalysisRun('cw', {
            cloudWatch: { interval: '5m', metricDataQueries: [{ id: 'q', expression: 'SUM(x)' }] },
          }),
        ),
      ).toBe(201);
    check(await arrived('a CloudWatch request', (r) => r.url.startsWith('/cloudwatch')));
  });
});

describe('functions/node.ts: AWS fallbacks', () => {
  it.each([['AWS_DEFAULT_REGION'], ['AWS_ENDPOINT_URL']])(
    '%s: used when AWS_REGION / AWS_ENDPOINT_URL_CLOUDWATCH are not set',
    async (name) => {
      const endpoint = await startRecorder(() => ({}));
      try {
        await listening({
          AWS_ACCESS_KEY_ID: 'AKIDFALLBACK',
          AWS_SECRET_ACCESS_KEY: 'aws-secret',
          AWS_DEFAULT_REGION: 'ap-south-1',
          AWS_ENDPOINT_URL: `${endpoint.url}/aws`,
        });
        const runName = `cw-${name.toLowerCase().replace(/_/g, '-')}`;
        expect(
          await kubePost(
            AR,
            anAnalysisRun(runName, {
              cloudWatch: { metricDataQueries: [{ id: 'q', expression: 'SUM(x)' }] },
            }),
          ),
        ).toBe(201);
        const req = await eventually(
          () => endpoint.requests.find((r) => r.url.startsWith('/aws')),
          'a CloudWatch request at AWS_ENDPOINT_URL',
        );
        expect(String(req.headers.authorization)).toContain('/ap-south-1/monitoring/aws4_request');
      } finally {
        await endpoint.close();
      }
    },
  );
});

const CONFIG_MAP = (name: string) => `/api/v1/namespaces/default/configmaps/${name}`;
const gitopsConfig = (path: string) =>
  JSON.stringify({
    cluster: 'entry',
    sources: [{ name: 'deploy', repo: 'acme/deploy', branch: 'main', path, namespace: 'default' }],
  });
const aConfigMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  from: gitops\n`;
const hubSignature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Pushes a ConfigMap named after `name` under `dir`; the sync's commit status once it is posted. */
async function pushAndReadSyncStatus(gh: DevGitHub, dir: string, name: string): Promise<string> {
  const { sha } = await gh.push('acme/deploy', 'main', {
    files: { [`${dir}/cm.yaml`]: aConfigMap(name.toLowerCase().replace(/_/g, '-')) },
  });
  const status = await eventually(
    () => gh.commitStatuses('acme/deploy', sha).find((s) => s.context === 'gitops/entry/deploy'),
    'the sync status on the commit',
  );
  return String(status.state);
}

describe('functions/node.ts: GitOps with a token', () => {
  let gh: DevGitHub;
  let url = '';
  beforeAll(async () => {
    gh = await startDevGitHub({ host: '127.0.0.1', port: 0, tokens: ['entry-gh-token'] });
    gh.createRepo('acme/deploy');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    gh.addHook('acme/deploy', {
      url: `${url}/hooks/github`,
      secret: 'wh-new',
      events: ['push'],
    });
    await listening({
      PORT: String(port),
      GITOPS_CONFIG: gitopsConfig('k8s'),
      GITHUB_API_URL: gh.url,
      GITHUB_TOKEN: 'entry-gh-token',
      GITHUB_WEBHOOK_SECRET: 'wh-new',
      GITHUB_WEBHOOK_SECRET_PREVIOUS: 'wh-old',
    });
  }, 60_000);
  afterAll(() => gh?.close());

  it('GITOPS_CONFIG: a push to the configured path is applied to the cluster', async () => {
    const { deliveries } = await gh.push('acme/deploy', 'main', {
      files: { 'k8s/cm.yaml': aConfigMap('from-gitops-config') },
    });
    expect(deliveries.map((d) => d.status)).toEqual([202]);
    const cm = await eventually(
      () => kubeGet<{ data: Record<string, string> }>(CONFIG_MAP('from-gitops-config')),
      'the pushed ConfigMap',
    );
    expect(cm.data.from).toBe('gitops');
  });

  it.each([['GITHUB_API_URL'], ['GITHUB_TOKEN']])(
    '%s: the sync reports on the commit through that API with that token',
    async (name) => expect(await pushAndReadSyncStatus(gh, 'k8s', name)).toBe('success'),
  );

  it('GITHUB_WEBHOOK_SECRET: only deliveries signed with it are accepted', async () => {
    const body = JSON.stringify({ zen: 'entry' });
    const post = (secret: string) =>
      fetch(`${url}/hooks/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'ping',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': hubSignature(secret, body),
        },
        body,
      }).then((r) => r.status);
    expect(await post('wh-new')).toBe(200);
    expect(await post('wh-unknown')).toBe(401);
  });

  it('GITHUB_WEBHOOK_SECRET_PREVIOUS: deliveries signed with the secret being rotated out are accepted', async () => {
    const body = JSON.stringify({ zen: 'previous' });
    const res = await fetch(`${url}/hooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': hubSignature('wh-old', body),
      },
      body,
    });
    expect(res.status).toBe(200);
  });
});

describe('functions/node.ts: GitOps as a GitHub App, configured from a ConfigMap', () => {
  let gh: DevGitHub;
  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    gh = await startDevGitHub({
      host: '127.0.0.1',
      port: 0,
      tokens: [],
      app: {
        id: 4242,
        installationId: 77,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    });
    gh.createRepo('acme/deploy');
    const port = await freePort();
    gh.addHook('acme/deploy', {
      url: `http://127.0.0.1:${port}/hooks/github`,
      secret: 'wh-app',
      events: ['push'],
    });
    expect(
      await kubePost('/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'gitops-settings' },
        data: { 'config.yaml': gitopsConfig('app') },
      }),
    ).toBe(201);
    await listening({
      PORT: String(port),
      GITOPS_CONFIGMAP: 'default/gitops-settings',
      GITHUB_API_URL: gh.url,
      GITHUB_APP_ID: '4242',
      GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      GITHUB_APP_INSTALLATION_ID: '77',
      GITHUB_WEBHOOK_SECRET: 'wh-app',
    });
  }, 60_000);
  afterAll(() => gh?.close());

  it('GITOPS_CONFIGMAP: the sources come from the ConfigMap read at start-up', async () => {
    await gh.push('acme/deploy', 'main', {
      files: { 'app/cm.yaml': aConfigMap('from-config-map') },
    });
    const cm = await eventually(
      () => kubeGet<{ data: Record<string, string> }>(CONFIG_MAP('from-config-map')),
      'the pushed ConfigMap',
    );
    expect(cm.data.from).toBe('gitops');
  });

  it.each([['GITHUB_APP_ID'], ['GITHUB_APP_PRIVATE_KEY'], ['GITHUB_APP_INSTALLATION_ID']])(
    '%s: the App installation token writes the commit status',
    async (name) => expect(await pushAndReadSyncStatus(gh, 'app', name)).toBe('success'),
  );
});

describe('functions/node.ts: notifications', () => {
  const NS = 'entry-notify';
  const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
  let hooks: Awaited<ReturnType<typeof startRecorder>>;
  const URL_NS = 'entry-notify-url';
  /** A namespace whose notification ConfigMap POSTs `body` to the recorder when a Rollout completes. */
  const installConfig = async (ns: string, body: string, extra: Record<string, string> = {}) => {
    await kubePost('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    const template = [
      'message: done',
      'webhook:',
      '  hooks:',
      '    method: POST',
      `    body: '${body}'`,
    ];
    await kubePost(`/api/v1/namespaces/${ns}/configmaps`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argo-rollouts-notification-configmap', namespace: ns },
      data: {
        'service.webhook.hooks': `url: ${hooks.url}`,
        'template.rollout-completed': template.join('\n'),
        ...extra,
      },
    });
  };
  beforeAll(async () => {
    hooks = await startRecorder(() => ({}));
    await installConfig(NS, '{"rollout":"{{.rollout.metadata.name}}"}');
    // Here the completed message carries Promote/Abort, so one revision is enough to see a link.
    await installConfig(
      URL_NS,
      '{"rollout":"{{.rollout.metadata.name}}","promote":"{{.approval.promoteURL}}"}',
      {
        approvals:
          'linkKey: entry-test-link-key-0123456789abcdef\ntriggers: [on-rollout-completed]',
      },
    );
  });
  afterAll(() => hooks?.close());

  const anAnnotatedRollout = (name: string) => {
    const ro = aCanaryRollout(name, { replicas: 1 });
    const annotations = { 'notifications.argoproj.io/subscribe.on-rollout-completed.hooks': '' };
    return { ...ro, metadata: { ...ro.metadata, annotations } };
  };
  const received = (name: string) =>
    hooks.requests.filter((r) => r.body === JSON.stringify({ rollout: name }));

  it('NOTIFICATIONS_NAMESPACE: the notification ConfigMap is read there; a subscribed Rollout notifies', async () => {
    await listening({ NOTIFICATIONS_NAMESPACE: NS });
    expect(await kubePost(ROLLOUTS, anAnnotatedRollout('entry-notify-on'))).toBe(201);
    await eventually(
      () => (received('entry-notify-on').length ? true : undefined),
      'the completed notification',
    );
    expect(received('entry-notify-on')).toHaveLength(1);
    expect(received('entry-notify-on')[0]?.method).toBe('POST');
  });

  it('PUBLIC_URL: approval links in messages point at it when approvals.url is unset', async () => {
    await listening({
      NOTIFICATIONS_NAMESPACE: URL_NS,
      PUBLIC_URL: 'https://rollouts.example.test/ci/',
    });
    expect(await kubePost(ROLLOUTS, anAnnotatedRollout('entry-public-url'))).toBe(201);
    const body = await eventually(() => {
      const r = hooks.requests.find((q) => q.body.includes('"entry-public-url"'));
      return r && (JSON.parse(r.body) as { rollout: string; promote: string });
    }, 'the completed notification');
    expect(body.promote).toMatch(
      /^https:\/\/rollouts\.example\.test\/ci\/hooks\/approve\/[\w.-]+$/,
    );
  });

  it('NOTIFICATIONS=off: nothing is sent or recorded', async () => {
    await listening({ NOTIFICATIONS_NAMESPACE: NS, NOTIFICATIONS: 'off' });
    expect(await kubePost(ROLLOUTS, anAnnotatedRollout('entry-notify-off'))).toBe(201);
    await eventually(async () => {
      const r = await kubeGet<{ status?: { phase?: string } }>(`${ROLLOUTS}/entry-notify-off`);
      return r?.status?.phase === 'Healthy' ? true : undefined;
    }, 'Rollout Healthy');
    // With notifications on, the claim is written right after the commit that made it Healthy.
    await new Promise((r) => setTimeout(r, 1500));
    const ro = await kubeGet<{ metadata: { annotations?: Record<string, string> } }>(
      `${ROLLOUTS}/entry-notify-off`,
    );
    expect(ro?.metadata.annotations?.['notified.notifications.argoproj.io']).toBeUndefined();
    expect(received('entry-notify-off')).toHaveLength(0);
  });
});

describe('functions/node.ts: bad values', () => {
  it('exits 2 listing every problem at once, echoing no value and writing nothing', async () => {
    const before = await kubeGet<{ metadata: { resourceVersion: string } }>(
      '/api/v1/namespaces/default/configmaps',
    );
    const p = await startController({
      PORT: 'eighty',
      HOOK_SECRET_PREVIOUS: 'hook-secret-value',
      API_TOKEN: 'has spaces',
      METRICS_TOKEN_PREVIOUS: 'metrics-secret-value',
      ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'prometheus:9090',
      ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE: 'Not_A_Namespace',
      DD_API_KEY: 'dd-secret-value',
      DD_ADDRESS: 'datadog',
      AWS_ACCESS_KEY_ID: 'AKIDALONE',
      AWS_ENDPOINT_URL: 'localstack',
      AWS_ENDPOINT_URL_CLOUDWATCH: 'cloudwatch',
      GITOPS_CONFIG: gitopsConfig('k8s'),
      GITHUB_APP_ID: 'not-numeric',
      GITHUB_APP_PRIVATE_KEY: 'not a pem',
      GITHUB_APP_INSTALLATION_ID: 'x',
      GITHUB_API_URL: 'github.example',
      GITHUB_WEBHOOK_SECRET_PREVIOUS: 'webhook-secret-value',
      NOTIFICATIONS: 'maybe',
      NOTIFICATIONS_NAMESPACE: 'Not_A_Namespace',
      NOTIFICATIONS_START_WINDOW: 'ten minutes',
      PUBLIC_URL: 'rollouts.example.test',
    });
    expect(await p.exited).toBe(2);
    const said = p.output();
    for (const problem of [
      'PORT must be a port number',
      'HOOK_SECRET_PREVIOUS is set without HOOK_SECRET',
      'API_TOKEN and API_TOKEN_PREVIOUS may hold only',
      'METRICS_TOKEN_PREVIOUS is set without METRICS_TOKEN',
      'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS must be an http(s) URL',
      'ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE must be a namespace name',
      'DD_API_KEY and DD_APP_KEY must be set together',
      'DD_ADDRESS must be an http(s) URL',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together',
      'AWS_ENDPOINT_URL must be an http(s) URL',
      'AWS_ENDPOINT_URL_CLOUDWATCH must be an http(s) URL',
      "GITHUB_APP_ID must be the App's numeric id",
      "GITHUB_APP_PRIVATE_KEY must be the App's PEM private key",
      'GITHUB_APP_INSTALLATION_ID must be numeric',
      'GITHUB_API_URL must be an http(s) URL',
      'GITHUB_WEBHOOK_SECRET is not set',
      'GITHUB_WEBHOOK_SECRET_PREVIOUS is set without GITHUB_WEBHOOK_SECRET',
      'NOTIFICATIONS must be "on" or "off"',
      'NOTIFICATIONS_NAMESPACE must be a namespace name',
      'NOTIFICATIONS_START_WINDOW must be a Go duration',
      'PUBLIC_URL must be an http(s) URL',
    ])
      expect(said).toContain(problem);
    expect(said.trim().split('\n')).toHaveLength(1);
    for (const secret of ['hook-secret-value', 'metrics-secret-value', 'dd-secret-value'])
      expect(said).not.toContain(secret);
    expect(said).not.toContain('webhook-secret-value');
    const after = await kubeGet<{ metadata: { resourceVersion: string } }>(
      '/api/v1/namespaces/default/configmaps',
    );
    expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });

  it.each([
    ['KUBECONFIG', { KUBECONFIG: '/nonexistent/kubeconfig' }, /kubeconfig .*no such file/],
    [
      'GITOPS_CONFIGMAP',
      {
        GITOPS_CONFIGMAP: 'default/no-such-map',
        GITHUB_TOKEN: 't',
        GITHUB_WEBHOOK_SECRET: 's',
      },
      /GITOPS_CONFIGMAP: ConfigMap default\/no-such-map does not exist/,
    ],
  ])('%s: a value it cannot use stops start-up, saying why', async (_name, env, message) => {
    const p = await startController(env);
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(new RegExp(`^configuration: .*${message.source}`, 'm'));
  });
});
