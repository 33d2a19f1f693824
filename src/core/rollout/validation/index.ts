export type { FieldError, FieldErrorType } from './field-error.js';
export { formatFieldError } from './field-error.js';
export { invalidSpecMessage } from './invalid-spec-message.js';
export { MSG as VALIDATION_MESSAGES } from './messages.js';
export type { ReferencedObjects } from './references.js';
export { validateReferencedServices } from './references.js';
export type { SpecValidationOptions } from './spec.js';
export { validateRolloutSpecFields } from './spec.js';
export { validateRolloutReferences, validateRolloutSpec } from './validate.js';
