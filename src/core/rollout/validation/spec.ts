import type { Rollout } from '../../../domain/index.js';
import { DEFAULTS } from '../../../domain/index.js';
import { validateBlueGreen } from './blue-green.js';
import { validateCanary } from './canary.js';
import { internalError, invalid, required, type FieldError } from './field-error.js';
import { MSG } from './messages.js';
import { isEmptyTemplate, validatePodTemplateForReplicaSet } from './pod-template.js';
import {
  compileSelector,
  hasSelectorTerms,
  selectorAsGoValue,
  validateLabelSelector,
} from './selector.js';
import { asNumber, field, isSet } from './view.js';

export interface SpecValidationOptions {
  /**
   * The template and selector were filled in from `workloadRef` before validating (upstream's
   * `TemplateResolvedFromRef`): the template is then validated instead of required to be empty.
   */
  templateResolvedFromRef?: boolean;
}

/** Upstream's `ValidateRolloutSpec`: every problem, in upstream's order (§1.11). */
export function validateRolloutSpecFields(
  rollout: Rollout,
  options: SpecValidationOptions = {},
): FieldError[] {
  const spec = field(rollout, 'spec');
  const errs: FieldError[] = [];
  const int = (key: string, fallback: number): number => asNumber(field(spec, key)) ?? fallback;
  const nonNegative = (key: string, value: number): void => {
    if (value < 0) errs.push(invalid(`spec.${key}`, value, MSG.nonNegative));
  };

  nonNegative('replicas', int('replicas', DEFAULTS.replicas));

  const selector = field(spec, 'selector');
  const workloadRef = isSet(field(spec, 'workloadRef'));
  if (!workloadRef) {
    if (!isSet(selector)) {
      errs.push(required('spec.selector', MSG.missingField('.spec.selector')));
    } else {
      errs.push(...validateLabelSelector(selector, 'spec.selector'));
      if (!hasSelectorTerms(selector))
        errs.push(invalid('spec.selector', selectorAsGoValue(selector), MSG.emptySelector));
    }
  }

  const resolved = options.templateResolvedFromRef === true;
  const template = field(spec, 'template');
  if (!resolved && workloadRef && !isEmptyTemplate(template)) {
    errs.push(internalError('spec.template', MSG.templateForWorkloadRef));
  }

  const compiled = compileSelector(selector);
  if (compiled.kind === 'error') {
    errs.push(invalid('spec.selector', selectorAsGoValue(selector), MSG.invalidSelector));
  } else if (resolved || !workloadRef) {
    errs.push(...validatePodTemplateForReplicaSet(template, compiled, 'spec.template'));
  }

  const minReadySeconds = int('minReadySeconds', 0);
  nonNegative('minReadySeconds', minReadySeconds);
  nonNegative('revisionHistoryLimit', int('revisionHistoryLimit', DEFAULTS.revisionHistoryLimit));
  const progressDeadline = int('progressDeadlineSeconds', DEFAULTS.progressDeadlineSeconds);
  nonNegative('progressDeadlineSeconds', progressDeadline);
  if (progressDeadline <= minReadySeconds)
    errs.push(invalid('spec.progressDeadlineSeconds', progressDeadline, MSG.progressDeadline));

  errs.push(...validateStrategy(rollout, field(spec, 'strategy')));
  return errs;
}

/**
 * Upstream appends `strategy` to a path that already ends in `strategy`, hence the doubled
 * `spec.strategy.strategy` on these two messages.
 */
function validateStrategy(rollout: Rollout, strategy: unknown): FieldError[] {
  const canary = field(strategy, 'canary');
  const blueGreen = field(strategy, 'blueGreen');
  if (!isSet(canary) && !isSet(blueGreen)) {
    return [
      required(
        'spec.strategy.strategy',
        MSG.missingField('.spec.strategy.canary or .spec.strategy.blueGreen'),
      ),
    ];
  }
  if (isSet(canary) && isSet(blueGreen)) {
    return [
      invalid('spec.strategy.strategy', 'blueGreen: true canary: true', MSG.multipleStrategies),
    ];
  }
  return isSet(blueGreen)
    ? validateBlueGreen(rollout, blueGreen, 'spec.strategy')
    : validateCanary(canary, 'spec.strategy');
}
