import { isoTime } from '../../domain/time.js';
import { isRecord } from './object-meta.js';
import { errors, KubeStatusError } from './status-error.js';

/** Kinds the API server answers on create and never stores. */
export type ReviewKind = 'SelfSubjectAccessReview' | 'SelfSubjectRulesReview' | 'SelfSubjectReview';

/**
 * The devcluster authenticates nobody and authorises everything, so it answers as a kube-apiserver
 * with anonymous requests and `--authorization-mode=AlwaysAllow` would: the caller is
 * system:anonymous, every access review is allowed with the AlwaysAllow authorizer's empty reason,
 * and the rules are its RulesFor (`*` on everything), complete.
 * (k8s.io/apiserver/pkg/authorization/authorizerfactory/builtin.go;
 * k8s.io/kubernetes/pkg/registry/authorization/selfsubject*review/rest.go.)
 */
export function answerReview(
  kind: ReviewKind,
  apiVersion: string,
  body: unknown,
  now: number,
): Record<string, unknown> {
  const review = isRecord(body) ? body : {};
  const spec = isRecord(review.spec) ? review.spec : {};
  const head = { kind, apiVersion };
  switch (kind) {
    case 'SelfSubjectAccessReview':
      checkAccessReview(review, spec);
      return { ...head, metadata: {}, spec, status: { allowed: true } };
    case 'SelfSubjectRulesReview':
      if (typeof spec.namespace !== 'string' || spec.namespace === '')
        throw errors.badRequest('no namespace on request');
      return { ...head, metadata: {}, spec, status: ALWAYS_ALLOW_RULES };
    case 'SelfSubjectReview':
      return {
        ...head,
        metadata: { creationTimestamp: isoTime(now) },
        status: { userInfo: ANONYMOUS },
      };
  }
}

const ALWAYS_ALLOW_RULES = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
  incomplete: false,
};

const ANONYMOUS = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** ValidateSelfSubjectAccessReview: exactly one kind of attributes, and no metadata. */
function checkAccessReview(review: Record<string, unknown>, spec: Record<string, unknown>): void {
  const causes: Array<{ field: string; message: string }> = [];
  const resource = spec.resourceAttributes ?? null;
  const nonResource = spec.nonResourceAttributes ?? null;
  if ((resource === null) === (nonResource === null)) {
    causes.push({
      field: 'spec',
      message: `Invalid value: ${JSON.stringify(nonResource)}: exactly one of nonResourceAttributes or resourceAttributes must be specified`,
    });
  }
  if (!isZero(review.metadata)) {
    causes.push({
      field: 'metadata',
      message: `Invalid value: ${JSON.stringify(review.metadata)}: must be empty`,
    });
  }
  if (causes.length === 0) return;
  const messages = causes.map((c) => `${c.field}: ${c.message}`);
  // The registry names the internal object's kind, which is empty: hence `.authorization.k8s.io ""`.
  throw new KubeStatusError(
    422,
    'Invalid',
    `.authorization.k8s.io "" is invalid: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`,
    {
      group: 'authorization.k8s.io',
      causes: causes.map((c) => ({ reason: 'FieldValueInvalid', ...c })),
    },
  );
}

/** Go's zero ObjectMeta, as JSON or decoded protobuf presents it (absent, null, "", 0, {} or []). */
function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false)
    return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isZero);
  return false;
}
