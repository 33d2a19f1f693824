/**
 * The header and mirror routes the steps so far ask for (spec §1.3): a `setHeaderRoute` /
 * `setMirrorRoute` step adds or replaces its named route, the same step with no `match` removes
 * it. Routers are stateless planners, so the whole set is replayed from step 0 to the current one.
 */
import type { CanaryStep } from '../../../domain/index.js';
import type {
  HeaderMatch,
  HeaderRoute,
  MirrorMatch,
  MirrorRoute,
} from '../../../providers/traffic/index.js';

export function buildStepRoutes(
  steps: readonly CanaryStep[],
  index: number,
): { headerRoutes: HeaderRoute[]; mirrorRoutes: MirrorRoute[] } {
  const headers = new Map<string, HeaderRoute>();
  const mirrors = new Map<string, MirrorRoute>();
  for (const step of steps.slice(0, Math.min(index + 1, steps.length))) {
    const header = step.setHeaderRoute as { name?: string; match?: HeaderMatch[] } | undefined;
    if (header?.name) {
      if (header.match?.length)
        headers.set(header.name, { name: header.name, match: header.match });
      else headers.delete(header.name);
    }
    const mirror = step.setMirrorRoute as
      { name?: string; percentage?: number; match?: MirrorMatch[] } | undefined;
    if (mirror?.name) {
      if (mirror.match?.length)
        mirrors.set(mirror.name, {
          name: mirror.name,
          match: mirror.match,
          ...(mirror.percentage !== undefined ? { percentage: mirror.percentage } : {}),
        });
      else mirrors.delete(mirror.name);
    }
  }
  return { headerRoutes: [...headers.values()], mirrorRoutes: [...mirrors.values()] };
}
