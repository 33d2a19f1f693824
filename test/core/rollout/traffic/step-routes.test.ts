import { describe, expect, it } from 'vitest';
import { buildStepRoutes } from '../../../../src/core/rollout/traffic/step-routes.js';
import type { CanaryStep } from '../../../../src/domain/index.js';

const header = (name: string, value?: string): CanaryStep =>
  ({
    setHeaderRoute: {
      name,
      ...(value ? { match: [{ headerName: 'x-user', headerValue: { exact: value } }] } : {}),
    },
  }) as CanaryStep;
const mirror = (name: string, percentage?: number): CanaryStep =>
  ({
    setMirrorRoute: {
      name,
      ...(percentage !== undefined ? { percentage, match: [{ path: { prefix: '/api' } }] } : {}),
    },
  }) as CanaryStep;

// Spec §1.3: a route step adds or replaces its route; the same step with no match removes it.
describe('buildStepRoutes', () => {
  const steps: CanaryStep[] = [
    { setWeight: 10 },
    header('beta', 'alice'),
    mirror('shadow', 30),
    { pause: {} },
    header('beta', 'bob'),
    header('beta'),
    mirror('shadow'),
  ];

  it.each([
    [0, [], []],
    [1, ['beta=alice'], []],
    [2, ['beta=alice'], ['shadow@30']],
    [3, ['beta=alice'], ['shadow@30']],
    [4, ['beta=bob'], ['shadow@30']],
    [5, [], ['shadow@30']],
    [6, [], []],
    [99, [], []],
  ])('at step index %i: header routes %j, mirror routes %j', (index, headers, mirrors) => {
    const r = buildStepRoutes(steps, index);
    expect(r.headerRoutes.map((h) => `${h.name}=${h.match[0]?.headerValue.exact ?? ''}`)).toEqual(
      headers,
    );
    expect(r.mirrorRoutes.map((m) => `${m.name}@${m.percentage ?? ''}`)).toEqual(mirrors);
  });
});
