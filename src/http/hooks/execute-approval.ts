import { type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import { executeOperation, type OperationOutcome } from '../../controller/execute-operation.js';
import {
  type ApprovalClaims,
  type ApprovalRefused,
  type ApprovalResult,
  approvalOperationId,
  assessApproval,
  verifyApprovalToken,
} from '../../core/notifications/approval/index.js';
import type { NotificationConfig } from '../../core/notifications/types.js';
import { isoTime, type Rollout } from '../../domain/index.js';

/** What both approval hooks (signed links, Slack buttons) are given. */
export interface ApprovalHookDeps {
  kube: KubeClient;
  /** The parsed notification configuration (the controller's loader; tests inject one). */
  config: () => Promise<NotificationConfig | undefined>;
  now?: () => number;
  /** Rollouts an approval changed: reconcile them now rather than at the next resync. */
  onRollouts?(refs: Array<{ namespace: string; name: string }>): Promise<void>;
  log?: (line: string) => void;
}

/** The claims of a token under the configured link key, or why it is refused. */
export async function checkApprovalToken(
  config: NotificationConfig | undefined,
  token: string,
  now: number,
): Promise<{ claims: ApprovalClaims } | ApprovalRefused> {
  const key = config?.approvals?.linkKey;
  if (!key)
    return {
      outcome: 'refused',
      kind: 'not-configured',
      reason: 'approvals are not configured (approvals.linkKey in the notification ConfigMap)',
    };
  const verified = await verifyApprovalToken(key, token, now);
  if (verified.ok) return { claims: verified.claims };
  const reasons = {
    malformed: 'this is not an approval link',
    tampered: 'the signature does not match: the link was altered or signed with another key',
    expired: `the link expired${verified.claims ? ` at ${isoTime(verified.claims.expiresAt)}` : ''}`,
  };
  return {
    outcome: 'refused',
    kind: verified.refusal,
    reason: reasons[verified.refusal],
    ...(verified.claims ? { claims: verified.claims } : {}),
  };
}

/** Read-only: is the Rollout still the one, in the state, the claims were issued for, the token unused? */
export async function loadApprovalRefusal(
  kube: KubeClient,
  claims: ApprovalClaims,
): Promise<ApprovalRefused | undefined> {
  const rollout = await kube.find<Rollout>(rolloutPath(claims.namespace, claims.name));
  return assessApproval(rollout, claims);
}

/**
 * Runs the operation a verified token names, as the GitHub comment commands do: bound to the step
 * index and pod hash the message was sent for, with the token's nonce as the idempotency id (a
 * second use is a duplicate and writes nothing), and who asked recorded in the Rollout's Event.
 */
export async function executeApproval(
  deps: ApprovalHookDeps,
  claims: ApprovalClaims,
  requester: { actor: string; via: string },
): Promise<ApprovalResult> {
  const before = await loadApprovalRefusal(deps.kube, claims);
  if (before) return before;
  const ref = { namespace: claims.namespace, name: claims.name };
  const outcome = await executeOperation(
    { kube: deps.kube, now: deps.now ?? Date.now },
    {
      ...ref,
      operation: claims.action,
      ...requester,
      id: approvalOperationId(claims),
      expected: {
        ...(claims.stepIndex !== undefined ? { stepIndex: claims.stepIndex } : {}),
        ...(claims.podHash !== undefined ? { podHash: claims.podHash } : {}),
      },
    },
  );
  const result = resultOf(outcome, claims);
  deps.log?.(
    `approval: ${claims.action} ${ref.namespace}/${ref.name} by ${requester.actor}: ${result.outcome === 'done' ? result.summary : result.reason}`,
  );
  if (result.outcome === 'done') await deps.onRollouts?.([ref]);
  return result;
}

function resultOf(outcome: OperationOutcome, claims: ApprovalClaims): ApprovalResult {
  const refused = (kind: ApprovalRefused['kind'], reason: string): ApprovalRefused => ({
    outcome: 'refused',
    kind,
    reason,
    claims,
  });
  switch (outcome.outcome) {
    case 'done':
      return { outcome: 'done', claims, summary: outcome.summary };
    case 'duplicate':
      return refused('used', `this ${claims.action} was already used`);
    case 'stale':
      return refused('moved-on', outcome.reason);
    case 'refused':
      return refused('refused', outcome.reason);
    case 'not-found':
      return refused('gone', `Rollout ${claims.namespace}/${claims.name} no longer exists`);
  }
}
