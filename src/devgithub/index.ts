export {
  startDevGitHub,
  type DevGitHub,
  type DevGitHubOptions,
  type HookOptions,
} from './dev-github.js';
export type { CommitChange } from './commit-files.js';
export type { CommentTarget } from './repo-actions.js';
export type { Delivery, DeliveryRecord } from './webhooks/dispatcher.js';
export type { FaultSpec } from './server/faults.js';
export type { RequestLogEntry } from './server/http-server.js';
export type { Permission } from './model.js';
export { computeObjectId, ZERO_SHA } from './git/git-objects.js';
export { computeSignatureHeaders } from './webhooks/sign.js';
export { DevGitHubError, GitHubApiError } from './errors.js';
