export { decodeKubeProtobuf, supportsProtobufKind } from './decode-kube-protobuf.js';
export { ProtobufDecodeError } from './protobuf-decode-error.js';
