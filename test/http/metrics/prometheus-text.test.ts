import { describe, expect, it } from 'vitest';
import { Counter, Histogram, MetricsRegistry } from '../../../src/http/metrics/metrics-registry.js';
import {
  escapeHelp,
  escapeLabelValue,
  formatFamilies,
  formatFamily,
  formatValue,
} from '../../../src/http/metrics/prometheus-text.js';
import { parseKubeRequest, countingFetch } from '../../../src/http/metrics/count-kube-requests.js';

describe('Prometheus text format', () => {
  it.each([
    ['plain', 'plain'],
    ['back\\slash', 'back\\\\slash'],
    ['say "hi"', 'say \\"hi\\"'],
    ['two\nlines', 'two\\nlines'],
    ['\\"\n', '\\\\\\"\\n'],
  ])('escapes the label value %j as %j', (raw, escaped) => {
    expect(escapeLabelValue(raw)).toBe(escaped);
  });

  it('escapes backslashes and newlines in HELP but keeps quotes', () => {
    expect(escapeHelp('a "b"\\c\nd')).toBe('a "b"\\\\c\\nd');
  });

  it.each([
    [1, '1'],
    [0.25, '0.25'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('writes %d as %s', (v, text) => {
    expect(formatValue(v)).toBe(text);
  });

  it('writes HELP and TYPE once per family, then one line per sample', () => {
    const text = formatFamilies([
      {
        name: 'rollout_info',
        help: 'About a Rollout.',
        type: 'gauge',
        samples: [
          { labels: { namespace: 'default', name: 'shop', phase: 'Paused' }, value: 1 },
          { labels: { namespace: 'x', name: 'y"z', phase: 'Healthy' }, value: 1 },
        ],
      },
      { name: 'empty_total', help: 'Nothing yet.', type: 'counter', samples: [] },
    ]);
    expect(text).toBe(
      [
        '# HELP rollout_info About a Rollout.',
        '# TYPE rollout_info gauge',
        'rollout_info{namespace="default",name="shop",phase="Paused"} 1',
        'rollout_info{namespace="x",name="y\\"z",phase="Healthy"} 1',
        '# HELP empty_total Nothing yet.',
        '# TYPE empty_total counter',
        '',
      ].join('\n'),
    );
  });

  it('refuses invalid metric and label names instead of writing a broken exposition', () => {
    expect(() => formatFamily({ name: 'bad-name', help: '', type: 'gauge', samples: [] })).toThrow(
      /invalid metric name/,
    );
    expect(() =>
      formatFamily({
        name: 'ok',
        help: '',
        type: 'gauge',
        samples: [{ labels: { 'bad-label': 'x' }, value: 1 }],
      }),
    ).toThrow(/invalid label name/);
  });
});

describe('registry', () => {
  it('writes cumulative histogram buckets with le, +Inf, _sum and _count', () => {
    const h = new Histogram('rollout_reconcile', 'Seconds.', ['namespace', 'name'], [0.1, 1]);
    for (const v of [0.05, 0.5, 0.5, 3]) h.observe({ namespace: 'default', name: 'shop' }, v);
    expect(formatFamily(h.family()).split('\n')).toEqual([
      '# HELP rollout_reconcile Seconds.',
      '# TYPE rollout_reconcile histogram',
      'rollout_reconcile_bucket{namespace="default",name="shop",le="0.1"} 1',
      'rollout_reconcile_bucket{namespace="default",name="shop",le="1"} 3',
      'rollout_reconcile_bucket{namespace="default",name="shop",le="+Inf"} 4',
      'rollout_reconcile_sum{namespace="default",name="shop"} 4.05',
      'rollout_reconcile_count{namespace="default",name="shop"} 4',
      '',
    ]);
  });

  it('counts per label set, in the declared label order, and exposes only what a runtime records', () => {
    const c = new Counter('x_total', 'X.', ['a', 'b']);
    c.inc({ b: '2', a: '1' });
    c.inc({ a: '1', b: '2' }, 2);
    c.inc({ a: '3', b: '4' });
    expect(c.family().samples).toEqual([
      { labels: { a: '1', b: '2' }, value: 3 },
      { labels: { a: '3', b: '4' }, value: 1 },
    ]);
    const r = new MetricsRegistry();
    expect(r.families()).toEqual([]);
    expect(
      r
        .expose(r.kubeRequests)
        .families()
        .map((f) => f.name),
    ).toEqual(['controller_clientset_k8s_request_total']);
  });
});

describe('Kubernetes request counting', () => {
  it.each([
    [
      'GET',
      '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts',
      { kind: 'rollouts', namespace: 'default', name: 'N/A', verb: 'List' },
    ],
    [
      'GET',
      '/apis/argoproj.io/v1alpha1/rollouts?watch=true&resourceVersion=1',
      { kind: 'rollouts', namespace: 'N/A', name: 'N/A', verb: 'Watch' },
    ],
    [
      'GET',
      '/api/v1/namespaces/default/pods/web-1',
      { kind: 'pods', namespace: 'default', name: 'web-1', verb: 'Get' },
    ],
    [
      'PATCH',
      '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/a/status',
      { kind: 'rollouts/status', namespace: 'shop', name: 'a', verb: 'Patch' },
    ],
    [
      'POST',
      '/apis/apps/v1/namespaces/default/replicasets',
      { kind: 'replicasets', namespace: 'default', name: 'N/A', verb: 'Create' },
    ],
    [
      'PUT',
      '/apis/apps/v1/namespaces/default/replicasets/rs',
      { kind: 'replicasets', namespace: 'default', name: 'rs', verb: 'Update' },
    ],
    [
      'DELETE',
      '/api/v1/namespaces/default/pods/p',
      { kind: 'pods', namespace: 'default', name: 'p', verb: 'Delete' },
    ],
    [
      'GET',
      '/api/v1/namespaces/kube-system',
      { kind: 'namespaces', namespace: 'N/A', name: 'kube-system', verb: 'Get' },
    ],
  ])('%s %s', (method, path, expected) => {
    expect(parseKubeRequest(method, `https://kube.test${path}`)).toEqual(expected);
  });

  it('counts answers by status code and unreachable servers as 0', async () => {
    const c = new Counter('k_total', 'K.', ['kind', 'namespace', 'name', 'verb', 'status_code']);
    const ok = countingFetch(() => Promise.resolve(new Response('{}', { status: 404 })), c);
    await ok('https://k/api/v1/namespaces/default/pods/x', { method: 'GET' });
    const down = countingFetch(() => Promise.reject(new Error('ECONNREFUSED')), c);
    await expect(
      down('https://k/api/v1/namespaces/default/pods/x', { method: 'GET' }),
    ).rejects.toThrow('ECONNREFUSED');
    expect(c.family().samples.map((s) => [s.labels.status_code, s.value])).toEqual([
      ['404', 1],
      ['0', 1],
    ]);
  });
});
