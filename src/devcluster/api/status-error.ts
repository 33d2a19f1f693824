/**
 * A Kubernetes API failure as the API server reports it: a `Status` object with an HTTP code
 * and a machine-readable reason. Every error the devcluster answers goes through this type.
 */
export type StatusReason =
  | 'BadRequest'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Gone'
  | 'Expired'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'MethodNotAllowed'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'Forbidden'
  | 'InternalError'
  // Some failures carry none (a server-side apply the schema cannot type); Go then omits it.
  | '';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: Array<{ reason?: string; message: string; field?: string }>;
  retryAfterSeconds?: number;
}

export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'KubeStatusError';
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      ...(this.reason ? { reason: this.reason } : {}),
      // Go omits an empty group (the core API's) from the details.
      ...(this.details ? { details: withoutEmptyGroup(this.details) } : {}),
      code: this.code,
    };
  }
}

/** `pods "x"` or `rollouts.argoproj.io "x"`: how the API server names a resource in messages. */
export function qualifiedResource(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const errors = {
  badRequest: (message: string) => new KubeStatusError(400, 'BadRequest', message),
  notFound: (group: string, plural: string, name: string) =>
    new KubeStatusError(
      404,
      'NotFound',
      `${qualifiedResource(group, plural)} "${name}" not found`,
      {
        name,
        group,
        kind: plural,
      },
    ),
  notFoundPath: (path: string) =>
    new KubeStatusError(
      404,
      'NotFound',
      `the server could not find the requested resource (${path})`,
    ),
  alreadyExists: (group: string, plural: string, name: string) =>
    new KubeStatusError(
      409,
      'AlreadyExists',
      `${qualifiedResource(group, plural)} "${name}" already exists`,
      {
        name,
        group,
        kind: plural,
      },
    ),
  conflict: (
    group: string,
    plural: string,
    name: string,
    why = 'the object has been modified; please apply your changes to the latest version and try again',
  ) =>
    new KubeStatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(group, plural)} "${name}": ${why}`,
      {
        name,
        group,
        kind: plural,
      },
    ),
  invalid: (
    kind: string,
    group: string,
    name: string,
    causes: Array<{ field: string; message: string; reason?: string }>,
  ) => {
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    const parts = causes.map((c) => c.message);
    const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
    // The message joins `field: body`; each cause carries the body alone (field.Error.ErrorBody).
    const body = (c: { field: string; message: string }) =>
      c.message.startsWith(`${c.field}: `) ? c.message.slice(c.field.length + 2) : c.message;
    return new KubeStatusError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
      ...(name ? { name } : {}),
      group,
      kind,
      causes: causes.map((c) => ({
        reason: c.reason ?? 'FieldValueInvalid',
        message: body(c),
        field: c.field,
      })),
    });
  },
  gone: (message: string) => new KubeStatusError(410, 'Expired', message),
  unsupportedMediaType: (accepted: readonly string[]) =>
    new KubeStatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    ),
  methodNotAllowed: (method: string) =>
    new KubeStatusError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method})`,
    ),
  tooLarge: (limit: number) =>
    new KubeStatusError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: limit is ${limit}`,
    ),
  forbidden: (message: string) => new KubeStatusError(403, 'Forbidden', message),
  internal: (message: string) =>
    new KubeStatusError(500, 'InternalError', `Internal error occurred: ${message}`),
};

function withoutEmptyGroup(details: StatusDetails): StatusDetails {
  if (details.group !== '') return details;
  const { group: _empty, ...rest } = details;
  return rest;
}
