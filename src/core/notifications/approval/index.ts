export { APPROVE_PATH, type ApprovalTarget, signApprovalActions } from './approval-actions.js';
export type { ApprovalClaims, ApprovalOperation } from './approval-claims.js';
export {
  type ApprovalRefusal,
  signApprovalToken,
  type VerifiedApproval,
  verifyApprovalToken,
} from './approval-token.js';
export {
  type ApprovalRefusalKind,
  type ApprovalRefused,
  type ApprovalResult,
  approvalOperationId,
  assessApproval,
  describeTarget,
} from './assess-approval.js';
export {
  buildSlackReply,
  parseSlackInteraction,
  SLACK_ACTION_IDS,
  type SlackInteraction,
  type SlackUser,
} from './slack-interaction.js';
