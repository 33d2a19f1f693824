/** Strict, Warn and Ignore field validation of writes (the `fieldValidation` query parameter). */
export {
  checkApplyConfiguration,
  checkPatchedObject,
  checkUnknownFields,
  type FieldValidationRequest,
} from './check-fields.js';
export { strictBodyError, type FieldValidation } from './strict-errors.js';
export { findUnknownFields, type UnknownField } from './unknown-fields.js';
export { type JsonKeyScan, scanJsonKeys } from './json-key-scan.js';
export { jsonPatchKeys } from './json-patch-keys.js';
export { scanYamlKeys } from './yaml-key-scan.js';
