import { ANNOTATIONS, LABELS } from '../../domain/index.js';
import { emit, type PlanContext } from './plan-context.js';

/**
 * Points Service `name` (now on `current`) at the pods of `hash`, marking it managed by this
 * Rollout (spec §4.1, §8.6); both strategies decide when, this writes how.
 */
export function planSelectorSwitch(
  ctx: PlanContext,
  name: string,
  current: string | undefined,
  hash: string,
): void {
  ctx.actions.push({
    kind: 'patchService',
    name,
    patch: {
      metadata: { annotations: { [ANNOTATIONS.managedBy]: ctx.rollout.metadata.name } },
      spec: { selector: { [LABELS.podTemplateHash]: hash } },
    },
  });
  emit(
    ctx,
    'SwitchService',
    `Switched selector for service '${name}' from '${current ?? ''}' to '${hash}'`,
  );
}
