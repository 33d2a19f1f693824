/** Builders with named overrides for a router's inputs (STYLE: Tests). */
import type { RouteContext } from '../../../../src/providers/traffic/types.js';

export const ROLLOUT = {
  name: 'checkout',
  namespace: 'shop',
  uid: '0b7d6c52-9a1e-4f3b-8c2d-5e6f7a8b9c0d',
} as const;

export function aRouteContext(overrides: Partial<RouteContext> = {}): RouteContext {
  return {
    rollout: { ...ROLLOUT },
    canaryService: 'checkout-canary',
    stableService: 'checkout-stable',
    config: {},
    maxTrafficWeight: 100,
    managedRoutes: [],
    ...overrides,
  };
}
