/** Desired traffic with named overrides (STYLE: Tests); contexts come from the suite's `aRouteContext`. */
import type { DesiredTraffic } from '../../../../src/providers/traffic/types.js';

export { aRouteContext } from '../support/route-context.js';

export function aDesired(overrides: Partial<DesiredTraffic> = {}): DesiredTraffic {
  return {
    canaryWeight: 0,
    additionalDestinations: [],
    headerRoutes: [],
    mirrorRoutes: [],
    ...overrides,
  };
}
