/**
 * A label or field selector kube-apiserver would reject. The message uses the API server's wording so the
 * devcluster can answer `400 BadRequest` with it unchanged.
 */
export class SelectorError extends Error {
  readonly code = 'SelectorError';
  readonly status = 400;
  readonly reason = 'BadRequest';
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}
