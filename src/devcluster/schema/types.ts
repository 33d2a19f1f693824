// Typed view of the JSONSchemaProps subset a Kubernetes *structural schema* may use
// (apiextensions.k8s.io/v1 `schema.openAPIV3Schema`). Only the fields the devcluster reads are listed;
// anything else in a CRD body is ignored here.
// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** `reason` values accepted by `x-kubernetes-validations`. */
export type ValidationRuleReason =
  'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';

export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: ValidationRuleReason;
  fieldPath?: string;
}

export interface JSONSchemaProps {
  type?: SchemaType;
  description?: string;
  title?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: boolean | JSONSchemaProps;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  // Value validation only: in a structural schema these may not declare types or structure of their own.
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: ValidationRule[];
}

/** The machine-readable cause types of `metav1.StatusCause` (k8s.io/apimachinery field.ErrorType). */
export type FieldErrorType =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueNotSupported'
  | 'FieldValueTypeInvalid'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden';

/**
 * One field-level validation error, shaped like a `metav1.StatusCause`:
 * `field` is the path as Kubernetes prints it (`<nil>` for the object root) and `message` is the error body
 * without the field (`Invalid value: "string": ...`). `formatFieldError` joins them as the API server does.
 */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  message: string;
  badValue?: unknown;
}
