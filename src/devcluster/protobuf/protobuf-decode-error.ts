/**
 * A protobuf request body the devcluster cannot turn into JSON. `status` 400 (BadRequest) is a body that is
 * not valid Kubernetes protobuf (bad magic, truncated, garbled); 415 (UnsupportedMediaType) is a well-formed
 * body of a kind whose schema the decoder does not carry, so the client should send JSON instead.
 */
export class ProtobufDecodeError extends Error {
  readonly code = 'ProtobufDecodeError';
  readonly retryable = false;

  constructor(
    message: string,
    readonly status: 400 | 415 = 400,
  ) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }

  get reason(): 'BadRequest' | 'UnsupportedMediaType' {
    return this.status === 415 ? 'UnsupportedMediaType' : 'BadRequest';
  }
}
