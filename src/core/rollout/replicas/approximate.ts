export interface CanaryStableCounts {
  canary: number;
  stable: number;
}

/**
 * The canary/stable split of a basic canary that best approximates `weight` (spec §8.3 step 1):
 * the nearest whole count, ties rounded up, never 0 canary or stable for a weight strictly between
 * 0 and `maxWeight` once two pods are possible, and one surge pod used when it gets closer.
 */
export function approximateWeightedCounts(
  replicas: number,
  weight: number,
  maxWeight: number,
  maxSurge: number,
): CanaryStableCounts {
  if (replicas === 0) return { canary: 0, stable: 0 };
  const exact = (replicas * weight) / maxWeight;
  const ceil = Math.ceil(exact);
  const floor = Math.floor(exact);
  const zeroAllowed = weight === maxWeight || weight === 0 || (replicas === 1 && maxSurge === 0);
  const floorAllowed = floor !== 0 || zeroAllowed;

  // Order matters: on equal distance the earlier candidate wins.
  const candidates: Array<{ canary: number; total: number }> = [];
  if (ceil < replicas || zeroAllowed) candidates.push({ canary: ceil, total: replicas });
  if (!isTied(replicas, weight, maxWeight) && floorAllowed)
    candidates.push({ canary: floor, total: replicas });
  if (maxSurge > 0) {
    candidates.push({ canary: ceil, total: replicas + 1 });
    if (!isTied(replicas + 1, weight, maxWeight) && floorAllowed)
      candidates.push({ canary: floor, total: replicas + 1 });
  }

  let best = candidates[0];
  // Only when the ceiling is every pod, the floor is a tie and there is no surge (2 pods at 75 %):
  // upstream then keeps everything on stable, and so do we.
  if (!best) return { canary: 0, stable: replicas };
  for (const candidate of candidates.slice(1)) {
    if (distance(candidate, weight, maxWeight) < distance(best, weight, maxWeight))
      best = candidate;
  }
  return { canary: best.canary, stable: best.total - best.canary };
}

/** Floor and ceiling are equally far from the weight (e.g. 3 pods at 50 %). */
function isTied(total: number, weight: number, maxWeight: number): boolean {
  const scaled = (total * weight) / maxWeight;
  return scaled - Math.floor(scaled) === 0.5;
}

function distance(
  candidate: { canary: number; total: number },
  weight: number,
  maxWeight: number,
): number {
  return Math.abs((candidate.canary * maxWeight) / candidate.total - weight);
}
