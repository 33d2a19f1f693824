import { describe, expect, it } from 'vitest';
import { activeRouters } from '../../../../src/core/rollout/traffic/active-routers.js';
import { aCanary } from '../../../support/builders/index.js';

const aRollout = (trafficRouting: unknown) =>
  aCanary(
    { canaryService: 'shop-canary', stableService: 'shop-stable', trafficRouting },
    { name: 'shop', namespace: 'web', metadata: { uid: 'u-1' } },
  );

const keys = (tr: unknown) => {
  const r = activeRouters(aRollout(tr));
  return 'problems' in r ? r : r.routers.map((x) => x.router.key);
};

describe('activeRouters', () => {
  it('names every router listed (several at once), settings excluded', () => {
    expect(
      keys({
        maxTrafficWeight: 1000,
        managedRoutes: [{ name: 'a' }],
        nginx: { stableIngress: 'shop' },
        plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'r' } },
      }),
    ).toEqual(['nginx', 'argoproj-labs/gatewayAPI']);
    expect(keys(undefined)).toEqual([]);
  });

  it('gives each router the Rollout, Services, max weight and managed routes', () => {
    const r = activeRouters(
      aRollout({
        maxTrafficWeight: 1000,
        managedRoutes: [{ name: 'a' }, { name: 'b' }],
        nginx: { stableIngress: 'shop' },
      }),
    );
    expect('routers' in r && r.routers[0]?.ctx).toEqual({
      rollout: { name: 'shop', namespace: 'web', uid: 'u-1' },
      canaryService: 'shop-canary',
      stableService: 'shop-stable',
      maxTrafficWeight: 1000,
      managedRoutes: ['a', 'b'],
      config: { stableIngress: 'shop' },
    });
  });

  it.each([
    [{ teleport: {} }, 'trafficRouting.teleport: unknown traffic router'],
    [
      { plugins: { 'acme/teleport': {} } },
      "traffic router plugin 'acme/teleport' is not supported",
    ],
    [{ nginx: {} }, 'nginx'],
  ])('%j is refused: %s', (tr, problem) => {
    const r = activeRouters(aRollout(tr));
    expect('problems' in r && r.problems.join('\n')).toContain(problem);
  });
});
