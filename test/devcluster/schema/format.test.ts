import { describe, expect, it } from 'vitest';
import {
  formatInvalidMessage,
  validateAgainstSchema,
} from '../../../src/devcluster/schema/index.js';
import type { FieldError } from '../../../src/devcluster/schema/index.js';
import { aRolloutSchema } from './builders.js';

const required: FieldError = {
  type: 'FieldValueRequired',
  field: 'spec.selector',
  message: 'Required value',
};
const typeErr: FieldError = {
  type: 'FieldValueTypeInvalid',
  field: 'spec.replicas',
  message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"',
  badValue: 'string',
};

describe('formatInvalidMessage', () => {
  it.each<[string, string, string, ReadonlyArray<FieldError | string>, string]>([
    [
      'one error, no brackets',
      'Rollout',
      'argoproj.io',
      [typeErr],
      'Rollout.argoproj.io "x" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ],
    [
      'several errors in brackets',
      'Rollout',
      'argoproj.io',
      [typeErr, required],
      'Rollout.argoproj.io "x" is invalid: [spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string", spec.selector: Required value]',
    ],
    [
      'duplicates collapse',
      'Rollout',
      'argoproj.io',
      [required, required],
      'Rollout.argoproj.io "x" is invalid: spec.selector: Required value',
    ],
    ['no errors', 'Rollout', 'argoproj.io', [], 'Rollout.argoproj.io "x" is invalid'],
    [
      'the core group has no suffix',
      'ConfigMap',
      '',
      [required],
      'ConfigMap "x" is invalid: spec.selector: Required value',
    ],
    [
      'preformatted strings',
      'CustomResourceDefinition',
      'apiextensions.k8s.io',
      ['a: Required value'],
      'CustomResourceDefinition.apiextensions.k8s.io "x" is invalid: a: Required value',
    ],
  ])('%s', (_name, kind, group, errors, expected) => {
    expect(formatInvalidMessage(kind, group, 'x', errors)).toBe(expected);
  });

  it('formats what validateAgainstSchema returns', () => {
    const errors = validateAgainstSchema(
      { spec: { replicas: 'string', selector: {} } },
      aRolloutSchema(),
    );
    expect(formatInvalidMessage('Rollout', 'argoproj.io', 'x', errors)).toBe(
      'Rollout.argoproj.io "x" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    );
  });
});
