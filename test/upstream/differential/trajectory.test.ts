/** The pure half of the differential harness: routed-object views and the trajectory diff. */
import { describe, expect, it } from 'vitest';
import { describeIngress, describeTrafficSplit, describeVirtualService } from './routed-objects.js';
import { diffTrajectories, type Labelled } from './trajectory.js';

describe('routed objects as one line each', () => {
  it('an NGINX canary Ingress shows its backend and canary annotations in key order', () => {
    const line = describeIngress({
      metadata: {
        name: 'web-web-canary',
        annotations: {
          'nginx.ingress.kubernetes.io/canary-weight': '20',
          'nginx.ingress.kubernetes.io/canary': 'true',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
      },
      spec: { rules: [{ http: { paths: [{ backend: { service: { name: 'web-canary' } } }] } }] },
    });
    expect(line).toBe('backend web-canary canary-weight=20 canary=true');
  });

  it('a VirtualService shows each route with its match and weights', () => {
    const line = describeVirtualService({
      metadata: { name: 'web' },
      spec: {
        http: [
          {
            name: 'canary-header',
            match: [{ headers: { 'x-canary': { exact: 'canary' } } }],
            route: [{ destination: { host: 'web-canary' }, weight: 100 }],
          },
          {
            name: 'primary',
            route: [
              { destination: { host: 'web-stable' }, weight: 80 },
              { destination: { host: 'web-canary' } },
            ],
          },
        ],
      },
    });
    expect(line).toBe(
      'canary-header[{"headers":{"x-canary":{"exact":"canary"}}}]: web-canary=100 | primary: web-stable=80,web-canary=0',
    );
  });

  it('a TrafficSplit shows root and backends, quantities as written', () => {
    const line = describeTrafficSplit({
      metadata: { name: 'web' },
      spec: {
        service: 'web-root',
        backends: [
          { service: 'web-stable', weight: '60' },
          { service: 'web-canary', weight: 40 },
        ],
      },
    });
    expect(line).toBe('web-root → web-stable=60,web-canary=40');
  });
});

const at = (label: string, point: Record<string, string>): Labelled => ({ label, point });

describe('diffTrajectories', () => {
  it('compares fields at every point and event reasons only at the last, one line per reason', () => {
    const upstream = [
      at('created', { phase: 'Healthy', 'events Rollout': 'RolloutUpdated' }),
      at('promote', { phase: 'Healthy', 'events Rollout': 'RolloutCompleted,RolloutUpdated' }),
    ];
    const ours = [
      at('created', { phase: 'Progressing', 'events Rollout': '' }),
      at('promote', { phase: 'Healthy', 'events Rollout': 'RolloutPaused,RolloutUpdated' }),
    ];
    expect(diffTrajectories(upstream, ours)).toEqual([
      'point 0 (created): phase: upstream "Healthy", ours "Progressing"',
      'point 1 (promote): events Rollout: RolloutCompleted only upstream',
      'point 1 (promote): events Rollout: RolloutPaused only ours',
    ]);
  });

  it('reports a point only one side reached', () => {
    expect(diffTrajectories([at('created', {})], [])).toEqual([
      'point 0 (created): only upstream reached it',
    ]);
  });
});
