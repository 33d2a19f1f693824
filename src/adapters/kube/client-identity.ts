import { VERSION } from '../../version.js';

/**
 * How the API server names our requests: the User-Agent in its audit log and metrics, and the
 * field manager that `metadata.managedFields` credits our writes to (without one a real server
 * records them under `unknown`, and server-side apply conflicts cannot say who owns a field).
 */
export const DEFAULT_USER_AGENT = `serverless-rollouts/${VERSION}`;
export const DEFAULT_FIELD_MANAGER = 'serverless-rollouts';
