import type { ApprovalAction } from '../../../domain/notification.js';
import type { ApprovalSettings } from '../types.js';
import type { ApprovalClaims, ApprovalOperation } from './approval-claims.js';
import { signApprovalToken } from './approval-token.js';
import { encodeBase64Url } from './base64url.js';

/**
 * What a message is about when it offers Promote and Abort: the Rollout, the update and step it
 * was sent for, and the recipient it goes to (a link's actor is `link:<recipient>`).
 */
export type ApprovalTarget = Omit<ApprovalClaims, 'action' | 'expiresAt' | 'nonce'>;

const OPERATIONS: readonly ApprovalOperation[] = ['promote', 'abort'];

/** The path the approval hook serves, under the configured public URL. */
export const APPROVE_PATH = '/hooks/approve/';

/**
 * Promote and Abort for one message to one recipient (issue 20 §6): each a one-time token valid
 * for `linkTtlMs` from `now`, and its link `<url>/hooks/approve/<token>`. None without a link key
 * or a public URL: an action nobody can verify or reach is worse than none. Async only for
 * WebCrypto's HMAC and random nonce; nothing else is read.
 */
export async function signApprovalActions(
  settings: ApprovalSettings | undefined,
  target: ApprovalTarget,
  now: number,
): Promise<ApprovalAction[]> {
  const key = settings?.linkKey;
  const base = settings?.url?.replace(/\/+$/, '');
  if (!settings || !key || !base) return [];
  return Promise.all(
    OPERATIONS.map(async (action) => {
      const token = await signApprovalToken(key, {
        ...target,
        action,
        expiresAt: now + settings.linkTtlMs,
        nonce: encodeBase64Url(crypto.getRandomValues(new Uint8Array(16))),
      });
      return { action, token, url: `${base}${APPROVE_PATH}${token}` };
    }),
  );
}
