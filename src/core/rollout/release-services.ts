/**
 * Services a Rollout stops referencing are released (spec §4.1, §10.14): the hash selector and the
 * managed-by annotation it put there are removed, so the Service selects by its own labels again.
 * Which Services the Rollout managed is remembered in an annotation of our own prefix (DESIGN §1
 * promise 3), written only when the set changes.
 */
import { ANNOTATIONS, LABELS, OWN, type Rollout } from '../../domain/index.js';
import { emit, type PlanContext } from './plan-context.js';

/** The Services the strategy names (canary, stable, ping, pong, active, preview). */
export function referencedServiceNames(rollout: Rollout): string[] {
  const { canary, blueGreen } = rollout.spec.strategy ?? {};
  const names = blueGreen
    ? [blueGreen.activeService, blueGreen.previewService]
    : [
        canary?.canaryService,
        canary?.stableService,
        canary?.pingPong?.pingService,
        canary?.pingPong?.pongService,
      ];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))].sort();
}

/** The names recorded by the last reconcile that changed them. */
export function managedServiceNames(rollout: Rollout): string[] {
  const recorded = rollout.metadata.annotations?.[OWN.managedServices];
  return recorded ? recorded.split(',').filter((n) => n !== '') : [];
}

export function planServiceRelease(ctx: PlanContext): void {
  const now = referencedServiceNames(ctx.rollout);
  const before = managedServiceNames(ctx.o.rollout);
  for (const name of before.filter((n) => !now.includes(n))) {
    const svc = ctx.o.services.get(name);
    if (!svc || svc.metadata.annotations?.[ANNOTATIONS.managedBy] !== ctx.rollout.metadata.name)
      continue;
    ctx.actions.push({
      kind: 'patchService',
      name,
      patch: {
        metadata: { annotations: { [ANNOTATIONS.managedBy]: null } },
        spec: { selector: { [LABELS.podTemplateHash]: null } },
      },
    });
    emit(ctx, 'ServiceReleased', `Released service '${name}': the Rollout no longer references it`);
  }
  if (now.join(',') !== before.join(',')) {
    ctx.actions.push({
      kind: 'patchRollout',
      patch: {
        metadata: { annotations: { [OWN.managedServices]: now.length ? now.join(',') : null } },
      },
    });
  }
}
