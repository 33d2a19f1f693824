export { kubeHookRoutes, type KubeHookOptions } from './kube-hook.js';
export { buildHints, hintFor, parseDelivery, type DeliveredEvent, type Hint } from './kube-hints.js';
export { parseSignature, sign, SIGNATURE_HEADER, verifySignature } from './signature.js';
