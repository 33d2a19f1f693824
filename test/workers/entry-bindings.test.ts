import {
  createExecutionContext,
  createScheduledController,
  env,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import worker, { ReconcilerObject } from '../../functions/worker.js';
import type { Hint } from '../../src/domain/hint.js';
import { signDelivery } from '../../src/http/hooks/index.js';
import type { ReconcilerEnv } from '../../src/runtime/workers/reconciler-object.js';

/**
 * Issue 18: every binding README and wrangler.toml document reaches its consumer through the
 * Worker's own entry points: the exported `fetch` and `scheduled` called with those bindings, and
 * the Durable Object (what its alarm runs) built with them. The network is a stub behind the global
 * fetch that records each request, so a test sees where a binding sent it and with what.
 */
type Json = Record<string, unknown>;
interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}
let seen: Seen[];
let objects: Map<string, Json>;

async function stubFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const body = req.method === 'GET' ? '' : await req.text();
  const url = new URL(req.url);
  seen.push({ method: req.method, url, headers: req.headers, body });
  if (url.pathname.startsWith('/apis/') || url.pathname.startsWith('/api/v1/')) {
    const obj = objects.get(url.pathname);
    if (req.method === 'PATCH' && obj)
      return Response.json({ ...obj, ...(JSON.parse(body) as Json) });
    if (req.method === 'POST') return Response.json(JSON.parse(body), { status: 201 });
    if (obj) return Response.json(obj);
    if (url.pathname.endsWith('/rollouts') || url.pathname.endsWith('/analysisruns'))
      return Response.json({ kind: 'List', metadata: {}, items: [] });
    return Response.json({ kind: 'Status', code: 404, reason: 'NotFound' }, { status: 404 });
  }
  return Response.json({});
}

beforeAll(() => vi.stubGlobal('fetch', stubFetch));
beforeEach(() => {
  seen = [];
  objects = new Map();
});
afterEach(() => vi.restoreAllMocks());

/** Only these bindings (and the Durable Object namespace): nothing from vitest.config.ts leaks in. */
const bindings = (own: Record<string, string>): ReconcilerEnv =>
  ({ RECONCILER: env.RECONCILER, ...own }) as ReconcilerEnv;
const KUBE = { KUBE_SERVER: 'https://kube-a.test', KUBE_TOKEN: 'kube-a-token' };

async function call(b: ReconcilerEnv, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://rollouts.test${path}`, init) as Request<
      unknown,
      IncomingRequestCfProperties
    >,
    b,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}
const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const readiness = async (b: ReconcilerEnv) =>
  ((await (await call(b, '/readyz')).json()) as { reason?: string }).reason ?? 'ready';

async function deliver(b: ReconcilerEnv, secret: string): Promise<number> {
  const raw = JSON.stringify({
    type: 'ADDED',
    object: { kind: 'Rollout', metadata: { name: 'web', namespace: 'entry' } },
  });
  const signed = await signDelivery(secret, raw, {
    timestamp: Math.floor(Date.now() / 1000),
    deliveryId: `d-${crypto.randomUUID()}`,
  });
  const res = await call(b, '/hooks/kube', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed },
    body: raw,
  });
  return res.status;
}

async function hubSignature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return `sha256=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
async function ping(b: ReconcilerEnv, secret: string): Promise<number> {
  const body = JSON.stringify({ zen: 'entry' });
  const res = await call(b, '/hooks/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': crypto.randomUUID(),
      'x-hub-signature-256': await hubSignature(secret, body),
    },
    body,
  });
  return res.status;
}

/** What a Durable Object's alarm does with `hint`, in an object built with these bindings. */
async function runHint(b: ReconcilerEnv, hint: Hint): Promise<void> {
  const stub = env.RECONCILER.get(env.RECONCILER.idFromName(`entry/${crypto.randomUUID()}`));
  await runInDurableObject(stub, async (_instance, state) => {
    const object = new ReconcilerObject(state, b);
    await state.storage.put('hint', hint);
    await object.reconcileNow();
    // The object was built here with these bindings; its runtime twin must not retry it later.
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
  });
}

describe('Worker bindings: the Kubernetes API', () => {
  it('KUBE_SERVER: API reads go to that server', async () => {
    const res = await call(
      bindings({ ...KUBE, API_TOKEN: 'api' }),
      '/api/v1/rollouts/default/info',
      withToken('api'),
    );
    expect(res.status).toBe(200);
    expect(seen.map((s) => s.url.origin)).toContain('https://kube-a.test');
    expect(await readiness(bindings({ ...KUBE, KUBE_SERVER: 'kube-a' }))).toContain(
      'KUBE_SERVER is not a URL',
    );
  });

  it('KUBE_TOKEN: API reads carry it as the bearer token', async () => {
    await call(
      bindings({ ...KUBE, API_TOKEN: 'api' }),
      '/api/v1/rollouts/default/info',
      withToken('api'),
    );
    const kube = seen.filter((s) => s.url.origin === 'https://kube-a.test');
    expect(kube.length).toBeGreaterThan(0);
    expect(kube.every((s) => s.headers.get('authorization') === 'Bearer kube-a-token')).toBe(true);
  });

  it.each([['CF_ACCESS_CLIENT_ID'], ['CF_ACCESS_CLIENT_SECRET']])(
    '%s: API reads carry the Cloudflare Access service token; one without the other is a problem',
    async (name) => {
      const access = { CF_ACCESS_CLIENT_ID: 'access-id', CF_ACCESS_CLIENT_SECRET: 'access-secret' };
      await call(
        bindings({ ...KUBE, ...access, API_TOKEN: 'api' }),
        '/api/v1/rollouts/default/info',
        withToken('api'),
      );
      const kube = seen.find((s) => s.url.origin === 'https://kube-a.test');
      expect(kube?.headers.get(name.toLowerCase().replace(/_/g, '-'))).toBe(
        access[name as keyof typeof access],
      );
      expect(await readiness(bindings({ ...KUBE, [name]: 'alone' }))).toContain(
        'CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET must be set together',
      );
    },
  );
});

describe('Worker bindings: secrets and tokens', () => {
  it('HOOK_SECRET: /hooks/kube accepts deliveries signed with it, and pokes the RECONCILER object', async () => {
    const b = bindings({ ...KUBE, HOOK_SECRET: 'hook-a' });
    expect(await deliver(b, 'hook-a')).toBe(202);
    expect(await deliver(b, 'hook-b')).toBe(401);
    const stub = env.RECONCILER.get(env.RECONCILER.idFromName('Rollout/entry/web'));
    expect(await runInDurableObject(stub, (_o, state) => state.storage.get('hint'))).toEqual({
      kind: 'Rollout',
      namespace: 'entry',
      name: 'web',
    });
    expect((await call(bindings(KUBE), '/hooks/kube', { method: 'POST' })).status).toBe(404);
  });

  it('HOOK_SECRET_PREVIOUS: deliveries signed with the secret being rotated out are accepted', async () => {
    const b = bindings({ ...KUBE, HOOK_SECRET: 'hook-new', HOOK_SECRET_PREVIOUS: 'hook-old' });
    expect(await deliver(b, 'hook-old')).toBe(202);
  });

  it.each([
    ['API_TOKEN', '/api/v1/rollouts/default/info', { API_TOKEN: 'api-a' }, 'api-a', 503],
    [
      'API_TOKEN_PREVIOUS',
      '/api/v1/rollouts/default/info',
      { API_TOKEN: 'api-new', API_TOKEN_PREVIOUS: 'api-old' },
      'api-old',
      503,
    ],
    ['METRICS_TOKEN', '/metrics', { METRICS_TOKEN: 'scrape-a' }, 'scrape-a', 200],
    [
      'METRICS_TOKEN_PREVIOUS',
      '/metrics',
      { METRICS_TOKEN: 'scrape-new', METRICS_TOKEN_PREVIOUS: 'scrape-old' },
      'scrape-old',
      200,
    ],
  ])('%s: %s takes that bearer token', async (_name, path, own, token, unboundStatus) => {
    const b = bindings({ ...KUBE, ...own });
    expect((await call(b, path, withToken(token))).status).toBe(200);
    expect((await call(b, path, withToken('someone-else'))).status).toBe(401);
    // Without the binding: the API is never open (503); the scrape is public like /healthz.
    expect((await call(bindings(KUBE), path)).status).toBe(unboundStatus);
  });
});

const AR_PATH = '/apis/argoproj.io/v1alpha1/namespaces/entry/analysisruns';
function anAnalysisRun(name: string, provider: Json): Hint {
  objects.set(`${AR_PATH}/${name}`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name, namespace: 'entry', uid: `uid-${name}`, resourceVersion: '1' },
    spec: { metrics: [{ name: 'm', successCondition: 'true', provider }] },
  });
  return { kind: 'AnalysisRun', namespace: 'entry', name };
}
const request = (origin: string) => seen.find((s) => s.url.origin === origin);

describe('Worker bindings: analysis settings reach the metric providers in the Durable Object', () => {
  it('ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: a Prometheus metric with no address is measured there', async () => {
    await runHint(
      bindings({ ...KUBE, ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'https://prom-a.test' }),
      anAnalysisRun('prom', { prometheus: { query: 'up' } }),
    );
    expect(request('https://prom-a.test')?.url.pathname).toBe('/api/v1/query');
  });

  it('ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE: a Job metric creates its Job in that namespace', async () => {
    const job = {
      spec: {
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
        },
      },
    };
    await runHint(
      bindings({ ...KUBE, ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE: 'analysis-jobs' }),
      anAnalysisRun('job', { job }),
    );
    const created = seen.find((s) => s.method === 'POST' && s.url.pathname.endsWith('/jobs'));
    expect(created?.url.pathname).toBe('/apis/batch/v1/namespaces/analysis-jobs/jobs');
  });

  it.each([
    ['DD_ADDRESS', (s: Seen) => expect(s.url.pathname).toMatch(/^\/api\/v1\/query/)],
    ['DD_API_KEY', (s: Seen) => expect(s.headers.get('dd-api-key')).toBe('dd-api')],
    ['DD_APP_KEY', (s: Seen) => expect(s.headers.get('dd-application-key')).toBe('dd-app')],
  ])('%s: a Datadog metric without a secret queries with it', async (_name, check) => {
    await runHint(
      bindings({
        ...KUBE,
        DD_API_KEY: 'dd-api',
        DD_APP_KEY: 'dd-app',
        DD_ADDRESS: 'https://dd-a.test',
      }),
      anAnalysisRun('dd', { datadog: { query: 'avg:x{*}', apiVersion: 'v1' } }),
    );
    const req = request('https://dd-a.test');
    expect(req).toBeDefined();
    check(req as Seen);
  });

  const cloudWatch = { cloudWatch: { metricDataQueries: [{ id: 'q', expression: 'SUM(x)' }] } };
  it.each([
    [
      'AWS_ENDPOINT_URL_CLOUDWATCH',
      { AWS_ENDPOINT_URL_CLOUDWATCH: 'https://cw-a.test' },
      'https://cw-a.test',
      'eu-west-3',
    ],
    [
      'AWS_ENDPOINT_URL',
      { AWS_ENDPOINT_URL: 'https://aws-a.test' },
      'https://aws-a.test',
      'eu-west-3',
    ],
    ['AWS_REGION', { AWS_ENDPOINT_URL: 'https://aws-a.test' }, 'https://aws-a.test', 'eu-west-3'],
    [
      'AWS_DEFAULT_REGION',
      { AWS_ENDPOINT_URL: 'https://aws-a.test', AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-south-1' },
      'https://aws-a.test',
      'ap-south-1',
    ],
  ])(
    '%s: a CloudWatch metric is fetched there, signed for the region',
    async (_name, own, origin, region) => {
      await runHint(
        bindings({
          ...KUBE,
          AWS_ACCESS_KEY_ID: 'AKIDWORKER',
          AWS_SECRET_ACCESS_KEY: 'aws-secret',
          AWS_REGION: 'eu-west-3',
          ...own,
        }),
        anAnalysisRun('cw', cloudWatch),
      );
      const auth = request(origin)?.headers.get('authorization') ?? '';
      expect(auth).toContain(`/${region}/monitoring/aws4_request`);
    },
  );

  it.each([['AWS_ACCESS_KEY_ID'], ['AWS_SECRET_ACCESS_KEY'], ['AWS_SESSION_TOKEN']])(
    '%s: the CloudWatch request is signed with the credentials',
    async () => {
      await runHint(
        bindings({
          ...KUBE,
          AWS_ACCESS_KEY_ID: 'AKIDWORKER',
          AWS_SECRET_ACCESS_KEY: 'aws-secret',
          AWS_SESSION_TOKEN: 'aws-session',
          AWS_REGION: 'eu-west-3',
          AWS_ENDPOINT_URL_CLOUDWATCH: 'https://cw-a.test',
        }),
        anAnalysisRun('cw-creds', cloudWatch),
      );
      const req = request('https://cw-a.test');
      expect(req?.headers.get('authorization')).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDWORKER\/.*Signature=[0-9a-f]{64}$/,
      );
      expect(req?.headers.get('x-amz-security-token')).toBe('aws-session');
    },
  );
});

const GITOPS = JSON.stringify({
  cluster: 'edge',
  sources: [{ name: 'deploy', repo: 'acme/deploy', path: 'k8s', namespace: 'shop' }],
});

describe('Worker bindings: GitOps', () => {
  const gitops = {
    ...KUBE,
    GITOPS_CONFIG: GITOPS,
    GITHUB_API_URL: 'https://gh-a.test',
    GITHUB_TOKEN: 'gh-token-a',
    GITHUB_WEBHOOK_SECRET: 'wh-a',
    GITHUB_WEBHOOK_SECRET_PREVIOUS: 'wh-old',
  };

  it('GITOPS_CONFIG: mounts POST /hooks/github (404 without it)', async () => {
    expect(await ping(bindings(gitops), 'wh-a')).toBe(200);
    expect(await ping(bindings(KUBE), 'wh-a')).toBe(404);
  });

  it('GITHUB_WEBHOOK_SECRET: only deliveries signed with it are accepted', async () => {
    expect(await ping(bindings(gitops), 'wh-a')).toBe(200);
    expect(await ping(bindings(gitops), 'wh-other')).toBe(401);
  });

  it('GITHUB_WEBHOOK_SECRET_PREVIOUS: deliveries signed with the secret being rotated out are accepted', async () => {
    expect(await ping(bindings(gitops), 'wh-old')).toBe(200);
  });

  it.each([['GITHUB_API_URL'], ['GITHUB_TOKEN']])(
    '%s: a source sync reads GitHub at that URL with that token',
    async () => {
      await runHint(bindings(gitops), { kind: 'GitSource', namespace: 'shop', name: 'deploy' });
      const req = request('https://gh-a.test');
      expect(req?.url.pathname).toMatch(/^\/repos\/acme\/deploy\//);
      expect(req?.headers.get('authorization')).toBe('token gh-token-a');
    },
  );

  it.each([['GITHUB_APP_ID'], ['GITHUB_APP_PRIVATE_KEY'], ['GITHUB_APP_INSTALLATION_ID']])(
    '%s: a source sync asks for an installation token as that App',
    async () => {
      const keys = (await crypto.subtle.generateKey(
        {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        },
        true,
        ['sign', 'verify'],
      )) as CryptoKeyPair;
      const der = new Uint8Array(
        (await crypto.subtle.exportKey('pkcs8', keys.privateKey)) as ArrayBuffer,
      );
      const pem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))
        .match(/.{1,64}/g)
        ?.join('\n')}\n-----END PRIVATE KEY-----\n`;
      const { GITHUB_TOKEN: _token, ...withoutToken } = gitops;
      await runHint(
        bindings({
          ...withoutToken,
          GITHUB_APP_ID: '4242',
          GITHUB_APP_PRIVATE_KEY: pem,
          GITHUB_APP_INSTALLATION_ID: '77',
        }),
        { kind: 'GitSource', namespace: 'shop', name: 'deploy' },
      );
      const mint = request('https://gh-a.test');
      expect(mint?.method).toBe('POST');
      expect(mint?.url.pathname).toBe('/app/installations/77/access_tokens');
      const jwt = (mint?.headers.get('authorization') ?? '').replace(/^bearer /i, '');
      const claims = JSON.parse(
        atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
      ) as {
        iss?: string | number;
      };
      expect(String(claims.iss)).toBe('4242');
    },
  );

  it('GITOPS_CONFIGMAP: the Worker says it reads GITOPS_CONFIG instead', async () => {
    expect(await readiness(bindings({ ...KUBE, GITOPS_CONFIGMAP: 'shop/gitops' }))).toContain(
      'GITOPS_CONFIGMAP is read by the Node runtime only',
    );
  });
});

describe('Worker bindings: LOG_LEVEL', () => {
  async function sweepLines(own: Record<string, string>): Promise<string[]> {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.now() }),
      bindings({ ...KUBE, ...own }),
    );
    vi.restoreAllMocks();
    return lines.filter((l) => l.startsWith('resync sweep:'));
  }

  it('LOG_LEVEL: warn silences the cron sweep summary that info (the default) logs', async () => {
    expect(await sweepLines({})).toHaveLength(1);
    expect(await sweepLines({ LOG_LEVEL: 'warn' })).toEqual([]);
    expect(await readiness(bindings({ ...KUBE, LOG_LEVEL: 'chatty' }))).toContain(
      'LOG_LEVEL must be one of debug, info, warn, error',
    );
  });
});
