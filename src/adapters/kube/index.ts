export { KubeApiError, isRetryableStatus, type KubeStatus } from './kube-api-error.js';
export * from './kube-client.js';
export * from './paths.js';
export { objectPath, ResourceMapper, type ResourceInfo } from './resource-mapper.js';
export { listOrEmpty } from './list-or-empty.js';
export { computeBackoff, DEFAULT_RETRY, isRepeatable, type RetryOptions } from './retry-policy.js';
export { DEFAULT_FIELD_MANAGER, DEFAULT_USER_AGENT } from './client-identity.js';
