/**
 * A patch the API server refuses. `status` follows kube-apiserver: 400 BadRequest for a malformed patch
 * document (wrong shape, unknown op, bad directive), 422 Unprocessable Entity for a well-formed patch that
 * cannot apply to this object (JSON-patch path missing, `test` failing, a list of lists in a merge list).
 */
export class PatchError extends Error {
  readonly code = 'PatchError';
  readonly retryable = false;

  constructor(
    readonly status: 400 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

/** The patch document itself is malformed (HTTP 400). */
export function malformedPatch(message: string): PatchError {
  return new PatchError(400, message);
}

/** The patch is well formed but cannot apply to the target (HTTP 422). */
export function unapplicablePatch(message: string): PatchError {
  return new PatchError(422, message);
}
