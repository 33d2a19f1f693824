import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { KubeApiError } from '../../adapters/kube/index.js';

/** Bad input to the API (400): a malformed name, revision, image or body. */
export class ApiInputError extends Error {
  readonly code = 'BadRequest' as const;
  readonly status = 400 as const;
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'ApiInputError';
  }
}

export interface ApiErrorBody {
  error: string;
  message: string;
}

/** `rollouts.argoproj.io "x" not found`, as kubectl and the plugin word it. */
export function rolloutNotFound(c: Context, name: string): Response {
  return c.json<ApiErrorBody>(
    { error: 'NotFound', message: `rollouts.argoproj.io "${name}" not found` },
    404,
  );
}

/** An operation the Rollout's state makes pointless or unsafe, with the planner's reason. */
export function refused(c: Context, reason: string): Response {
  return c.json<ApiErrorBody>({ error: 'Refused', message: reason }, 409);
}

/**
 * The one place API failures become responses (STYLE: errors). Kubernetes answers keep their
 * meaning (403 stays 403, a conflict that outlived the retries is 409); an unreachable or failing
 * API server is 502; anything else is a 500 that says nothing about internals.
 */
export function apiErrorResponse(c: Context, e: unknown): Response {
  if (e instanceof ApiInputError)
    return c.json<ApiErrorBody>({ error: e.code, message: e.message }, 400);
  if (e instanceof KubeApiError) {
    const passThrough: readonly number[] = [400, 403, 404, 409, 422, 429];
    if (passThrough.includes(e.status))
      return c.json<ApiErrorBody>(
        { error: e.reason ?? 'KubernetesError', message: e.message },
        e.status as ContentfulStatusCode,
      );
    const why =
      e.status === 0
        ? 'the Kubernetes API is unreachable'
        : `the Kubernetes API answered ${e.status}`;
    return c.json<ApiErrorBody>({ error: 'BadGateway', message: `${why}: ${e.message}` }, 502);
  }
  return c.json<ApiErrorBody>({ error: 'InternalError', message: 'internal error' }, 500);
}
