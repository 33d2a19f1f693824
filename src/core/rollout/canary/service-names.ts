import type { Rollout, RolloutStatus } from '../../../domain/index.js';

/** `status.canary.stablePingPong` values (spec §1.2 pingPong). */
export const PING = 'ping';
export const PONG = 'pong';

/**
 * The Services a canary's traffic goes through: `canaryService` / `stableService`, or with
 * `pingPong` the two persistent Services taking turns: `status.canary.stablePingPong` names the
 * stable one and the other carries the canary. Before the first promotion (which sets `ping`, spec
 * §1.6) nothing is stable yet, so ping takes the first revision as its canary.
 */
export function canaryServiceNames(
  rollout: Rollout,
  status: RolloutStatus | undefined,
): { canary?: string; stable?: string } {
  const canary = rollout.spec.strategy?.canary;
  const pp = canary?.pingPong;
  if (pp?.pingService && pp.pongService) {
    const pingStable = status?.canary?.stablePingPong === PING;
    return {
      stable: pingStable ? pp.pingService : pp.pongService,
      canary: pingStable ? pp.pongService : pp.pingService,
    };
  }
  return {
    ...(canary?.canaryService ? { canary: canary.canaryService } : {}),
    ...(canary?.stableService ? { stable: canary.stableService } : {}),
  };
}

/** At promotion the canary's Service becomes the stable one. */
export function flippedPingPong(status: RolloutStatus): string {
  return status.canary?.stablePingPong === PING ? PONG : PING;
}
