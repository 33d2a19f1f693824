import { ANNOTATIONS, type Rollout } from '../../../domain/index.js';
import { buildSeenState, isRecordedOperation } from '../../rollout/operations/index.js';
import type { ApprovalClaims } from './approval-claims.js';
import type { ApprovalRefusal } from './approval-token.js';

/** Why an approval does nothing, as data; the hooks map each to a page or a Slack reply. */
export type ApprovalRefusalKind =
  ApprovalRefusal | 'not-configured' | 'not-allowed' | 'gone' | 'used' | 'moved-on' | 'refused';

export interface ApprovalRefused {
  outcome: 'refused';
  kind: ApprovalRefusalKind;
  reason: string;
  /** What the token was for, when it could be read (an expired one included). */
  claims?: ApprovalClaims;
}

export type ApprovalResult =
  { outcome: 'done'; claims: ApprovalClaims; summary: string } | ApprovalRefused;

/** The idempotency id of the operation a token runs: a second use is a duplicate on the Rollout. */
export function approvalOperationId(claims: ApprovalClaims): string {
  return `approval-${claims.nonce}`;
}

export const describeTarget = (c: ApprovalClaims): string =>
  `${c.namespace}/${c.name} (${c.stepIndex !== undefined ? `step ${c.stepIndex}, ` : ''}revision ${c.revision})`;

/**
 * Whether the Rollout (undefined: not found) is still the one and in the state the token was
 * issued for, and the token unused; read-only, so the GET page can say so before anyone clicks.
 * executeOperation checks step index and pod hash again under its resourceVersion guard.
 */
export function assessApproval(
  rollout: Rollout | undefined,
  claims: ApprovalClaims,
): ApprovalRefused | undefined {
  const refuse = (kind: ApprovalRefusalKind, reason: string): ApprovalRefused => ({
    outcome: 'refused',
    kind,
    reason,
    claims,
  });
  const what = `${claims.namespace}/${claims.name}`;
  if (!rollout) return refuse('gone', `Rollout ${what} no longer exists`);
  if (rollout.metadata.uid !== claims.uid)
    return refuse('gone', `Rollout ${what} was deleted and created again since this was sent`);
  if (isRecordedOperation(rollout, approvalOperationId(claims)))
    return refuse('used', `this ${claims.action} was already used`);
  const moved: string[] = [];
  const revision = rollout.metadata.annotations?.[ANNOTATIONS.revision] ?? '';
  if (revision !== claims.revision)
    moved.push(`revision ${claims.revision} → ${revision || 'none'}`);
  const now = buildSeenState(rollout);
  if (claims.stepIndex !== undefined && now.stepIndex !== claims.stepIndex)
    moved.push(`step ${claims.stepIndex} → ${now.stepIndex ?? 'none'}`);
  if (claims.podHash !== undefined && now.podHash !== claims.podHash)
    moved.push(`pod hash ${claims.podHash} → ${now.podHash ?? 'none'}`);
  if (moved.length > 0)
    return refuse('moved-on', `Rollout ${what} has moved on (${moved.join(', ')})`);
  return undefined;
}
