import type { Rollout } from '../../../domain/index.js';
import { DEFAULTS } from '../../../domain/index.js';
import { validateAntiAffinity } from './anti-affinity.js';
import { invalid, type FieldError } from './field-error.js';
import { MSG } from './messages.js';
import { asNumber, asString, field, isSet } from './view.js';

/**
 * Blue-green checks. `path` is `spec.strategy`: upstream hands the strategy path, not
 * `spec.strategy.blueGreen`, to these checks, so their field paths read `spec.strategy.<field>`.
 */
export function validateBlueGreen(
  rollout: Rollout,
  blueGreen: unknown,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const active = asString(field(blueGreen, 'activeService'));
  // Two empty names count as "the same service" upstream too.
  if (active === asString(field(blueGreen, 'previewService'))) {
    errs.push(invalid(`${path}.activeService`, active, MSG.duplicatedServicesBlueGreen));
  }
  const limit = field(blueGreen, 'scaleDownDelayRevisionLimit');
  const history =
    asNumber(field(field(rollout, 'spec'), 'revisionHistoryLimit')) ??
    DEFAULTS.revisionHistoryLimit;
  const limitValue = asNumber(limit);
  if (isSet(limit) && limitValue !== undefined && history < limitValue) {
    errs.push(
      invalid(
        `${path}.scaleDownDelayRevisionLimit`,
        limitValue,
        MSG.scaleDownLimitLargerThanRevisionLimit,
      ),
    );
  }
  errs.push(...validateAntiAffinity(field(blueGreen, 'antiAffinity'), `${path}.antiAffinity`));
  return errs;
}
