export {
  type CommentTarget,
  type GitHubApi,
  type NewCommitStatus,
  type NewDeployment,
  type NewDeploymentStatus,
  octokitApi,
  type RepoRef,
  type TreeEntry,
} from './github-client.js';
export { type GitHubAuth, GitHubClients, type GitHubConnection } from './github-clients.js';
export { GitHubError, rateLimitRetryAt, toGitHubError } from './github-error.js';
