/** A field-level validation failure, as Kubernetes reports it in a 422's causes. */
export interface FieldCause {
  field: string;
  message: string;
  reason?: string;
}
