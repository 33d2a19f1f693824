import { describe, expect, it } from 'vitest';
import { distinctHints, objectKey } from '../../../src/runtime/workers/object-key.js';
import { parseWorkerConfig } from '../../../src/runtime/workers/worker-config.js';

const full = { KUBE_SERVER: 'https://kube.example.com', KUBE_TOKEN: 'tok', HOOK_SECRET: 'hook' };

describe('parseWorkerConfig', () => {
  it('builds the bearer header and the hook secret', () => {
    expect(parseWorkerConfig(full)).toEqual({ kube: { server: 'https://kube.example.com', headers: { authorization: 'Bearer tok' } }, hookSecret: 'hook', problems: [] });
  });

  it('adds Cloudflare Access service-token headers when both are bound', () => {
    const c = parseWorkerConfig({ ...full, CF_ACCESS_CLIENT_ID: 'id.access', CF_ACCESS_CLIENT_SECRET: 's3cret' });
    expect(c.kube?.headers).toEqual({ authorization: 'Bearer tok', 'cf-access-client-id': 'id.access', 'cf-access-client-secret': 's3cret' });
  });

  it('lists every problem at once, naming bindings but never their values', () => {
    const c = parseWorkerConfig({ KUBE_SERVER: 'not a url', CF_ACCESS_CLIENT_ID: 'only-id-value' });
    expect(c.kube).toBeUndefined();
    expect(c.hookSecret).toBeUndefined();
    expect(c.problems).toEqual([
      'KUBE_SERVER is not a URL',
      'KUBE_TOKEN is not set',
      'CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET must be set together',
      'HOOK_SECRET is not set: POST /hooks/kube is disabled',
    ]);
    expect(c.problems.join(' ')).not.toContain('only-id-value');
  });

  it.each(['ftp://kube.example.com', ''])('rejects server %j', (KUBE_SERVER) => {
    expect(parseWorkerConfig({ ...full, KUBE_SERVER }).kube).toBeUndefined();
  });
});

describe('objectKey', () => {
  it('names one object per kind/namespace/name and dedupes a batch', () => {
    const h = { kind: 'Rollout' as const, namespace: 'shop', name: 'web' };
    expect(objectKey(h)).toBe('Rollout/shop/web');
    expect(distinctHints([h, { ...h }, { ...h, kind: 'AnalysisRun' }]).map(objectKey)).toEqual(['Rollout/shop/web', 'AnalysisRun/shop/web']);
  });
});
