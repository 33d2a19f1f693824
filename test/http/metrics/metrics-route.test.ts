import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import { buildApp } from '../../../src/http/app.js';
import { countingFetch, MetricsRegistry } from '../../../src/http/metrics/index.js';
import { startWorld, type World } from '../../controller/world.js';
import { apiApp, call, failingKube } from '../api/support.js';

// Issue 9 acceptance: `curl /metrics` during a rollout shows the phase and step gauges changing.
let w: World;
beforeAll(async () => {
  w = await startWorld('shop');
});
afterAll(() => w.close());

const scrape = async (app: ReturnType<typeof buildApp>, headers: Record<string, string> = {}) => {
  const res = await app.request('/metrics', { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
const line = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

describe('GET /metrics', () => {
  it('shows the phase and step gauges changing through a canary', async () => {
    const registry = new MetricsRegistry();
    registry.expose(registry.kubeRequests);
    const kube = new KubeClient({
      server: w.h.url,
      fetch: countingFetch((url, init) => fetch(url, init), registry.kubeRequests),
    });
    const app = buildApp({ runtime: 'node', version: '9.9.9', metrics: { kube, registry } });

    await w.deploy();
    const healthy = await scrape(app);
    expect(healthy.status).toBe(200);
    expect(healthy.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(healthy.text).toContain(
      'rollout_info{namespace="default",name="shop",strategy="canary",traffic_router="",phase="Healthy"} 1',
    );
    expect(
      line(healthy.text, 'rollout_info_current_step_index{namespace="default",name="shop"}'),
    ).toBe('rollout_info_current_step_index{namespace="default",name="shop"} 8');
    expect(healthy.text).toContain('argo_rollouts_controller_info{version="9.9.9"} 1');

    await w.setImage('registry.example/shop:v2');
    await w.advance(2000);
    const paused = await scrape(app);
    expect(paused.text).toContain(
      'rollout_info{namespace="default",name="shop",strategy="canary",traffic_router="",phase="Paused"} 1',
    );
    expect(paused.text).toContain(
      'rollout_phase{namespace="default",name="shop",strategy="canary",phase="Paused"} 1',
    );
    expect(paused.text).toContain(
      'rollout_phase{namespace="default",name="shop",strategy="canary",phase="Healthy"} 0',
    );
    expect(paused.text).toContain(
      'rollout_info_current_step_index{namespace="default",name="shop"} 1',
    );
    expect(paused.text).toContain('rollout_info_set_weight{namespace="default",name="shop"} 20');
    expect(paused.text).toContain(
      'rollout_info_replicas_updated{namespace="default",name="shop"} 1',
    );

    // What `rollouts promote` does, through the API the CLI and dashboard use.
    expect((await call(apiApp(w), 'PUT', '/api/v1/rollouts/default/shop/promote')).status).toBe(
      200,
    );
    await w.advance(2000);
    const next = await scrape(app);
    expect(next.text).toContain(
      'rollout_info_current_step_index{namespace="default",name="shop"} 3',
    );
    expect(next.text).toContain('rollout_info_set_weight{namespace="default",name="shop"} 40');
    // The scrapes themselves went through the counted client.
    expect(next.text).toMatch(
      /controller_clientset_k8s_request_total\{kind="rollouts",namespace="N\/A",name="N\/A",verb="List",status_code="200"\} [3-9]/,
    );
    expect(next.text).toContain('# TYPE analysis_run_info gauge');
  });

  it('is public unless METRICS_TOKEN is set', async () => {
    const app = buildApp({
      runtime: 'node',
      version: '1',
      metrics: { kube: w.kube, tokens: ['scrape-token'] },
    });
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await scrape(app, { authorization: 'Bearer scrape-token' })).status).toBe(200);
    expect(
      (await scrape(buildApp({ runtime: 'node', version: '1', metrics: { kube: w.kube } }))).status,
    ).toBe(200);
  });

  it('still answers with the controller info when the cluster cannot be listed, saying why', async () => {
    const app = buildApp({
      runtime: 'workers',
      version: '1',
      metrics: { kube: failingKube(403, 'Forbidden', 'rollouts is forbidden') },
    });
    const res = await scrape(app);
    expect(res.status).toBe(200);
    expect(res.text.split('\n')[0]).toBe('# listing Rollouts failed: HTTP 403');
    expect(res.text).toContain('argo_rollouts_controller_info{version="1"} 1');
    expect(res.text).not.toContain('rollout_info{');
  });
});
