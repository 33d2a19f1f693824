import type { KubeApiError } from '../adapters/kube/index.js';

export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

/** A failure to report as `error: <message>` with an exit code (1, or 2 for usage). */
export class CliError extends Error {
  readonly code: 'CliError' | 'UsageError' = 'CliError';
  readonly exitCode: number = EXIT.error;
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong (unknown command or flag, missing argument): exit 2 with usage. */
export class UsageError extends CliError {
  override readonly code = 'UsageError' as const;
  override readonly exitCode = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VERBS: Record<string, string> = {
  GET: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * A Kubernetes API failure in the words kubectl users know: forbidden names the verb, resource
 * and namespace; a missing resource type suggests the CRDs; no answer names the server.
 */
export function describeKubeError(e: KubeApiError, server: string): string {
  const target = parseApiPath(e.path ?? '');
  if (e.status === 0) return `unable to connect to the Kubernetes API at ${server}: ${e.message}`;
  if (e.status === 401)
    return `unauthorized: the Kubernetes API at ${server} did not accept the kubeconfig's credentials`;
  if (e.status === 403 && target) {
    const verb = e.method === 'GET' && !target.name ? 'list' : (VERBS[e.method ?? ''] ?? 'access');
    const where = target.namespace
      ? ` in the namespace "${target.namespace}"`
      : ' at the cluster scope';
    const sub = target.subresource ? `/${target.subresource}` : '';
    return `forbidden: you cannot ${verb} ${target.resource}${sub}${target.name ? ` "${target.name}"` : ''}${where} (${e.message})`;
  }
  if (e.status === 404 && target && !target.name)
    return `the server doesn't have a resource type "${target.resource}" (are the Argo Rollouts CRDs installed?)`;
  if (e.status === 404 && target?.name) return `${target.resource} "${target.name}" not found`;
  return e.message;
}

interface ApiTarget {
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/apis/argoproj.io/v1alpha1/namespaces/ns/rollouts/x/status` → rollouts.argoproj.io, ns, x, status. */
export function parseApiPath(path: string): ApiTarget | undefined {
  const parts =
    path
      .split('?')[0]
      ?.split('/')
      .filter((p) => p !== '') ?? [];
  let group = '';
  let rest: string[];
  if (parts[0] === 'api') rest = parts.slice(2);
  else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 2) {
    namespace = decodeURIComponent(rest[1] ?? '');
    rest = rest.slice(2);
  }
  const plural = rest[0];
  if (!plural) return undefined;
  const name = rest[1] !== undefined ? decodeURIComponent(rest[1]) : undefined;
  return {
    resource: group ? `${plural}.${group}` : plural,
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
    ...(rest[2] ? { subresource: rest[2] } : {}),
  };
}
