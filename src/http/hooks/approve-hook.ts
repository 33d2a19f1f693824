import { type Context, Hono } from 'hono';
import {
  type ApprovalClaims,
  type ApprovalRefused,
  describeTarget,
} from '../../core/notifications/approval/index.js';
import {
  type ApprovalPage,
  PAGE_HEADERS,
  REFUSAL_STATUS,
  renderApprovalPage,
} from './approval-page.js';
import {
  type ApprovalHookDeps,
  checkApprovalToken,
  executeApproval,
  loadApprovalRefusal,
} from './execute-approval.js';

export type ApproveHookOptions = ApprovalHookDeps;

const VERB = { promote: 'Promote', abort: 'Abort' } as const;
const DONE = { promote: 'Promoted', abort: 'Aborted' } as const;

/**
 * `GET` and `POST /hooks/approve/<token>`: the signed one-time links of issue 20 §6. A GET only
 * verifies and asks, with a button: link scanners and chat unfurlers fetch every link they see,
 * so a GET never acts. The POST verifies again and runs the operation (execute-approval.ts). A
 * link that is malformed, tampered with, expired, used, or for a Rollout that has moved on or is
 * gone answers a page saying so with its own status (approval-page.ts) and changes nothing.
 */
export function approveHookRoutes(opts: ApproveHookOptions): Hono {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const app = new Hono();

  const page = (c: Context, status: 200 | 400 | 403 | 404 | 409 | 410 | 503, p: ApprovalPage) =>
    c.body(renderApprovalPage(p), status, PAGE_HEADERS);
  const refusal = (c: Context, r: ApprovalRefused) =>
    page(c, REFUSAL_STATUS[r.kind], {
      title: r.claims ? `Not ${DONE[r.claims.action].toLowerCase()}` : 'Link refused',
      message: `${r.claims ? `${describeTarget(r.claims)}: ` : ''}${r.reason}. Nothing was changed.`,
    });
  // Both methods verify the token first. A Kubernetes API failure is not the link's fault: say
  // so, and that it may be tried again.
  const verified =
    (handler: (c: Context, claims: ApprovalClaims) => Promise<Response>) => async (c: Context) => {
      try {
        const token = c.req.param('token') ?? '';
        const checked = await checkApprovalToken(await opts.config(), token, now());
        return 'outcome' in checked ? refusal(c, checked) : await handler(c, checked.claims);
      } catch (e) {
        log(`approval link: ${(e as Error).message}`);
        return page(c, 503, {
          title: 'Try again',
          message: 'The Kubernetes API could not be reached. Nothing was changed.',
        });
      }
    };

  // A Slack button's token: the allow-list is checked by the Slack hook, never skipped here.
  const slackOnly = (c: Context, claims: ApprovalClaims) =>
    refusal(c, {
      outcome: 'refused',
      kind: 'not-allowed',
      reason: 'this action is only available from its Slack button',
      claims,
    });

  app.get(
    '/hooks/approve/:token',
    verified(async (c, claims) => {
      if (claims.only === 'slack') return slackOnly(c, claims);
      const problem = await loadApprovalRefusal(opts.kube, claims);
      if (problem) return refusal(c, problem);
      return page(c, 200, {
        title: `${VERB[claims.action]} ${claims.namespace}/${claims.name}?`,
        message: `${VERB[claims.action]} rollout ${describeTarget(claims)}?`,
        confirm: VERB[claims.action],
      });
    }),
  );

  app.post(
    '/hooks/approve/:token',
    verified(async (c, claims) => {
      if (claims.only === 'slack') return slackOnly(c, claims);
      const result = await executeApproval(opts, claims, {
        actor: claims.recipient ? `link:${claims.recipient}` : 'link',
        via: 'signed link',
      });
      if (result.outcome === 'refused') return refusal(c, result);
      return page(c, 200, {
        title: `${DONE[claims.action]} ${claims.namespace}/${claims.name}`,
        message: `${DONE[claims.action]} rollout ${describeTarget(claims)}: ${result.summary}.`,
      });
    }),
  );
  return app;
}
