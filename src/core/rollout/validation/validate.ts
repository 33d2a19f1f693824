import type { Rollout, Service } from '../../../domain/index.js';
import { formatFieldError } from './field-error.js';
import { validateReferencedServices } from './references.js';
import { validateRolloutSpecFields, type SpecValidationOptions } from './spec.js';

/**
 * Spec validation (spec §1.11): every problem as upstream's `field.Error` text
 * (`spec.strategy.steps[0].setWeight: Invalid value: 200: SetWeight needs to be between 0 and 100`),
 * in upstream's order; the first one is what the InvalidSpec condition shows.
 */
export function validateRolloutSpec(rollout: Rollout, options?: SpecValidationOptions): string[] {
  return validateRolloutSpecFields(rollout, options).map(formatFieldError);
}

/**
 * Referenced-object validation: the Services the strategy names must exist and not be managed by
 * another Rollout (annotation `argo-rollouts.argoproj.io/managed-by-rollouts`); their selectors
 * must fit the pod template. Run after `validateRolloutSpec` came back empty, as upstream does.
 */
export function validateRolloutReferences(
  rollout: Rollout,
  refs: { services: Map<string, Service | undefined> },
): string[] {
  return validateReferencedServices(rollout, refs).map(formatFieldError);
}
