export { DeliveryLedger, type LedgerVerdict } from './delivery-ledger.js';
export { kubeHookRoutes, type KubeHookOptions } from './kube-hook.js';
export { buildHints, hintFor, parseDelivery, type DeliveredEvent } from './kube-hints.js';
export {
  buildSignedPayload,
  DELIVERY_HEADER,
  parseDeliveryId,
  parseSignature,
  parseTimestamp,
  sign,
  signDelivery,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from './signature.js';
