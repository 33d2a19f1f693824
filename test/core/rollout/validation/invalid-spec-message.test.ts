import { describe, expect, it } from 'vitest';
import {
  invalidSpecMessage,
  validateRolloutSpec,
} from '../../../../src/core/rollout/validation/index.js';
import { aRollout } from '../../../support/builders/index.js';

describe('invalidSpecMessage', () => {
  it('prefixes the first problem with the Rollout name, as the InvalidSpec condition shows it', () => {
    const rollout = aRollout({ name: 'checkout', steps: [{ setWeight: 200 }] });
    const [first] = validateRolloutSpec(rollout);
    expect(first).toBeDefined();
    expect(invalidSpecMessage(rollout, first ?? '')).toBe(
      'The Rollout "checkout" is invalid: spec.strategy.steps[0].setWeight: Invalid value: 200: SetWeight needs to be between 0 and 100',
    );
  });

  it('prints the name as is (upstream formats it with "%s", not %q)', () => {
    expect(invalidSpecMessage(aRollout({ name: 'a"b' }), 'x: Required value')).toBe(
      'The Rollout "a"b" is invalid: x: Required value',
    );
  });
});
