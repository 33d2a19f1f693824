export type {
  FieldError,
  FieldErrorType,
  JSONSchemaProps,
  SchemaType,
  ValidationRule,
  ValidationRuleReason,
} from './types.js';
export { checkStructural, checkStructuralErrors } from './check-structural.js';
export { pruneNonNullableNulls, pruneUnknownFields } from './prune.js';
export { applyDefaults } from './defaults.js';
export { formatInvalidMessage, validateAgainstSchema } from './validate.js';
export type { ValidateOptions } from './validate.js';
export { formatFieldError } from './field-error.js';
