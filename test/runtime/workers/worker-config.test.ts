import { describe, expect, it } from 'vitest';
import { distinctHints, objectKey } from '../../../src/runtime/workers/object-key.js';
import { parseWorkerConfig } from '../../../src/runtime/workers/worker-config.js';

const full = { KUBE_SERVER: 'https://kube.example.com', KUBE_TOKEN: 'tok', HOOK_SECRET: 'hook' };

describe('parseWorkerConfig', () => {
  it('builds the bearer header and the hook secret', () => {
    expect(parseWorkerConfig(full)).toEqual({
      kube: { server: 'https://kube.example.com', headers: { authorization: 'Bearer tok' } },
      hookSecrets: ['hook'],
      notifications: { enabled: true, namespace: 'argo-rollouts', startWindowMs: 600_000 },
      problems: [],
    });
  });

  it('reads the notification bindings, and lists bad ones by name', () => {
    const c = parseWorkerConfig({
      ...full,
      NOTIFICATIONS: 'off',
      NOTIFICATIONS_NAMESPACE: 'ops',
      NOTIFICATIONS_START_WINDOW: '90s',
    });
    expect(c.notifications).toEqual({ enabled: false, namespace: 'ops', startWindowMs: 90_000 });
    const bad = parseWorkerConfig({
      ...full,
      NOTIFICATIONS: 'sometimes',
      NOTIFICATIONS_NAMESPACE: 'Ops_Team',
      NOTIFICATIONS_START_WINDOW: '-1m',
    });
    expect(bad.problems).toEqual([
      'NOTIFICATIONS must be "on" or "off"',
      'NOTIFICATIONS_NAMESPACE must be a namespace name (a DNS label)',
      'NOTIFICATIONS_START_WINDOW must be a Go duration such as 10m',
    ]);
  });

  it('adds Cloudflare Access service-token headers when both are bound', () => {
    const c = parseWorkerConfig({
      ...full,
      CF_ACCESS_CLIENT_ID: 'id.access',
      CF_ACCESS_CLIENT_SECRET: 's3cret',
    });
    expect(c.kube?.headers).toEqual({
      authorization: 'Bearer tok',
      'cf-access-client-id': 'id.access',
      'cf-access-client-secret': 's3cret',
    });
  });

  it('lists every problem at once, naming bindings but never their values', () => {
    const c = parseWorkerConfig({ KUBE_SERVER: 'not a url', CF_ACCESS_CLIENT_ID: 'only-id-value' });
    expect(c.kube).toBeUndefined();
    expect(c.hookSecrets).toBeUndefined();
    expect(c.apiTokens).toBeUndefined();
    expect(c.problems).toEqual([
      'KUBE_SERVER is not a URL',
      'KUBE_TOKEN is not set',
      'CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET must be set together',
      'HOOK_SECRET is not set: POST /hooks/kube is disabled',
    ]);
    expect(c.problems.join(' ')).not.toContain('only-id-value');
  });

  it('accepts the previous hook secret and API token alongside the current ones during a rotation', () => {
    const c = parseWorkerConfig({
      ...full,
      HOOK_SECRET_PREVIOUS: 'old-hook',
      API_TOKEN: ' api-new\n',
      API_TOKEN_PREVIOUS: 'api-old',
    });
    expect(c.hookSecrets).toEqual(['hook', 'old-hook']);
    expect(c.apiTokens).toEqual(['api-new', 'api-old']);
    expect(c.problems).toEqual([]);
    expect(parseWorkerConfig({ ...full, HOOK_SECRET_PREVIOUS: 'hook' }).hookSecrets).toEqual([
      'hook',
    ]);
  });

  it('refuses a previous secret without a current one, and API tokens no client could send', () => {
    const c = parseWorkerConfig({
      KUBE_SERVER: 'https://k',
      KUBE_TOKEN: 't',
      HOOK_SECRET_PREVIOUS: 'old',
      API_TOKEN: 'has space',
    });
    expect(c.hookSecrets).toBeUndefined();
    expect(c.apiTokens).toBeUndefined();
    expect(c.problems).toEqual([
      'HOOK_SECRET_PREVIOUS is set without HOOK_SECRET: set the new value as HOOK_SECRET',
      'HOOK_SECRET is not set: POST /hooks/kube is disabled',
      'API_TOKEN and API_TOKEN_PREVIOUS may hold only [A-Za-z0-9-._~+/=]: the API is disabled',
    ]);
    expect(c.problems.join(' ')).not.toContain('has space');
  });

  it.each(['ftp://kube.example.com', ''])('rejects server %j', (KUBE_SERVER) => {
    expect(parseWorkerConfig({ ...full, KUBE_SERVER }).kube).toBeUndefined();
  });
});

describe('objectKey', () => {
  it('names one object per kind/namespace/name and dedupes a batch', () => {
    const h = { kind: 'Rollout' as const, namespace: 'shop', name: 'web' };
    expect(objectKey(h)).toBe('Rollout/shop/web');
    expect(distinctHints([h, { ...h }, { ...h, kind: 'AnalysisRun' }]).map(objectKey)).toEqual([
      'Rollout/shop/web',
      'AnalysisRun/shop/web',
    ]);
  });
});

describe('parseWorkerConfig: metric provider settings', () => {
  it('passes the provider settings through, trimmed, and omits them when none is bound', () => {
    const c = parseWorkerConfig({
      ...full,
      ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: ' http://prometheus.monitoring:9090 ',
      DD_API_KEY: 'dd-api',
      DD_APP_KEY: 'dd-app',
      AWS_REGION: '',
    });
    expect(c.providerSettings).toEqual({
      ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'http://prometheus.monitoring:9090',
      DD_API_KEY: 'dd-api',
      DD_APP_KEY: 'dd-app',
    });
    expect(c.problems).toEqual([]);
    expect(parseWorkerConfig(full).providerSettings).toBeUndefined();
  });

  it('lists bad provider settings by name, never by value', () => {
    const c = parseWorkerConfig({
      ...full,
      ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'prometheus:9090',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEVALUE',
    });
    expect(c.problems).toEqual([
      'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS must be an http(s) URL',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together',
    ]);
    expect(c.problems.join(' ')).not.toContain('AKIAEXAMPLEVALUE');
  });
});
