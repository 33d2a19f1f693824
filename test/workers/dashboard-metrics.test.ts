import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The dashboard page and /metrics inside workerd (issue 9: both runtimes). The Kubernetes API is a
// stub behind the global fetch that lists one paused canary.
const rollout = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'shop', namespace: 'web', generation: 2 },
  spec: { replicas: 4, strategy: { canary: { steps: [{ setWeight: 25 }, { pause: {} }] } } },
  status: {
    observedGeneration: '2',
    phase: 'Paused',
    currentStepIndex: 1,
    replicas: 4,
    availableReplicas: 4,
    updatedReplicas: 1,
  },
};

beforeAll(() => {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(new Request(input, init).url);
    if (url.pathname === '/apis/argoproj.io/v1alpha1/rollouts')
      return Promise.resolve(
        Response.json({ kind: 'RolloutList', metadata: {}, items: [rollout] }),
      );
    if (url.pathname === '/apis/argoproj.io/v1alpha1/analysisruns')
      return Promise.resolve(Response.json({ kind: 'AnalysisRunList', metadata: {}, items: [] }));
    return Promise.resolve(
      Response.json({ kind: 'Status', code: 404, reason: 'NotFound' }, { status: 404 }),
    );
  });
});

describe('dashboard and metrics on Workers', () => {
  it('serves the dashboard page and its script with a strict CSP', async () => {
    const page = await SELF.fetch('https://rollouts.test/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('src="assets/app.js"');
    const script = await SELF.fetch('https://rollouts.test/assets/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  it('serves the Rollout gauges from the cluster in the Prometheus text format', async () => {
    const res = await SELF.fetch('https://rollouts.test/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /^rollout_info\{namespace="web",name="shop",strategy="canary",traffic_router="",phase="Paused"\} 1$/m,
    );
    expect(text).toMatch(/^rollout_info_current_step_index\{namespace="web",name="shop"\} 1$/m);
    expect(text).toMatch(/^argo_rollouts_controller_info\{version=".+"\} 1$/m);
  });
});
