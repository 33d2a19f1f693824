/**
 * What a signed approval link or button says (issue 20 §6): which Rollout, which update and step
 * it was sent for, what to do, until when, and to whom it was sent. No secret is in it: the token
 * is these claims in the clear plus a MAC over them (approval-token.ts).
 */
export type ApprovalOperation = 'promote' | 'abort';

export interface ApprovalClaims {
  namespace: string;
  name: string;
  /** metadata.uid: a Rollout deleted and created again under the same name is another Rollout. */
  uid: string;
  /** `rollout.argoproj.io/revision` the message was sent for. */
  revision: string;
  /** status.currentStepIndex the message was sent for; the operation is bound to it. */
  stepIndex?: number;
  /** status.currentPodHash the message was sent for; the operation is bound to it. */
  podHash?: string;
  action: ApprovalOperation;
  /** ms since the epoch; the token is refused from then on. */
  expiresAt: number;
  /** Random, per token: the operation's idempotency id, so a link acts once. */
  nonce: string;
  /** Who the message went to (`#rollouts`, an email address): recorded as the actor of a link. */
  recipient: string;
  /**
   * `slack`: only a Slack button may use it, so Slack's allow-list (`approvals.slack.users` /
   * `groups`) cannot be stepped around by posting the button's token to the link hook.
   */
  only?: 'slack';
}

/** The wire form: a version first, so a later format can be told apart. */
interface WireClaims {
  v: 1;
  ns: string;
  n: string;
  uid: string;
  rev: string;
  step?: number;
  hash?: string;
  act: ApprovalOperation;
  exp: number;
  nonce: string;
  to: string;
  only?: 'slack';
}

export function buildWireClaims(c: ApprovalClaims): string {
  const wire: WireClaims = {
    v: 1,
    ns: c.namespace,
    n: c.name,
    uid: c.uid,
    rev: c.revision,
    ...(c.stepIndex !== undefined ? { step: c.stepIndex } : {}),
    ...(c.podHash !== undefined ? { hash: c.podHash } : {}),
    act: c.action,
    exp: c.expiresAt,
    nonce: c.nonce,
    to: c.recipient,
    ...(c.only ? { only: c.only } : {}),
  };
  return JSON.stringify(wire);
}

const isText = (x: unknown): x is string => typeof x === 'string' && x !== '' && x.length <= 512;
const isCount = (x: unknown): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

function isWireClaims(w: Partial<Record<keyof WireClaims, unknown>>): w is WireClaims {
  return (
    w.v === 1 &&
    isText(w.ns) &&
    isText(w.n) &&
    isText(w.uid) &&
    typeof w.rev === 'string' &&
    (w.step === undefined || isCount(w.step)) &&
    (w.hash === undefined || isText(w.hash)) &&
    (w.act === 'promote' || w.act === 'abort') &&
    isCount(w.exp) &&
    isText(w.nonce) &&
    // A webhook subscribed with `""` has an empty recipient.
    typeof w.to === 'string' &&
    w.to.length <= 512 &&
    (w.only === undefined || w.only === 'slack')
  );
}

/** The claims of a wire text, or undefined when any field is missing or of the wrong kind. */
export function parseWireClaims(text: string): ApprovalClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || !isWireClaims(raw)) return undefined;
  return {
    namespace: raw.ns,
    name: raw.n,
    uid: raw.uid,
    revision: raw.rev,
    ...(raw.step !== undefined ? { stepIndex: raw.step } : {}),
    ...(raw.hash !== undefined ? { podHash: raw.hash } : {}),
    action: raw.act,
    expiresAt: raw.exp,
    nonce: raw.nonce,
    recipient: raw.to,
    ...(raw.only ? { only: raw.only } : {}),
  };
}
