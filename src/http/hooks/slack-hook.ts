import { type Context, Hono } from 'hono';
import {
  type ApprovalResult,
  buildSlackReply,
  parseSlackInteraction,
} from '../../core/notifications/approval/index.js';
import type { NotificationConfig } from '../../core/notifications/types.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { type ApprovalHookDeps, checkApprovalToken, executeApproval } from './execute-approval.js';
import { SlackGroupMembers } from './slack-members.js';
import {
  parseSlackSignature,
  parseSlackTimestamp,
  SLACK_SIGNATURE_HEADER,
  SLACK_TIMESTAMP_HEADER,
  SLACK_WINDOW_SECONDS,
  verifySlackSignature,
} from './slack-signature.js';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SlackHookOptions extends ApprovalHookDeps {
  /** Reaches Slack: `usergroups.users.list` and the interaction's `response_url`. */
  fetch: Fetch;
  /** Slack's Web API base; tests point it at a local endpoint. Default `https://slack.com/api`. */
  slackApiUrl?: string;
  /**
   * Keeps work after the answer alive: Workers pass `waitUntil`; tests collect and await it.
   * Default: the request's `executionCtx.waitUntil` where there is one, else a tracked promise.
   */
  defer?: (work: Promise<void>) => void;
  /** Default 1 MiB; interactivity payloads are a few kB. */
  maxBodyBytes?: number;
}

/**
 * `POST /hooks/slack`, Slack's interactivity request URL (issue 20 §6). In a fixed order before
 * anything is parsed, as octokit/webhooks does: content type (415), timestamp and signature headers
 * present (401), timestamp within five minutes (401), size (413), constant-time `v0` HMAC over the
 * raw body (401), signature not seen within the window (409), then the form's `payload`. Only a
 * `block_actions` click on Promote or Abort acts, and only for a user in `approvals.slack.users` or
 * in one of its `groups` (403). Slack wants an answer within three seconds: the token is checked
 * before answering 200, the operation runs after, and its result goes to `response_url`.
 */
export function slackHookRoutes(opts: SlackHookOptions): Hono {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const maxBytes = opts.maxBodyBytes ?? 1024 * 1024;
  const ledger = new DeliveryLedger(SLACK_WINDOW_SECONDS, 10_000);
  const groups = new SlackGroupMembers(
    opts.fetch,
    opts.slackApiUrl ?? 'https://slack.com/api',
    log,
  );
  const background = new Set<Promise<void>>();
  const app = new Hono();

  const after = (c: Context, work: () => Promise<void>) => {
    const tracked = work().catch((e: unknown) =>
      log(`slack hook: work after the answer failed: ${(e as Error).message}`),
    );
    if (opts.defer) return opts.defer(tracked);
    try {
      c.executionCtx.waitUntil(tracked);
    } catch {
      background.add(tracked);
      void tracked.finally(() => background.delete(tracked));
    }
  };
  const reply = async (responseUrl: string | undefined, text: string, everyone: boolean) => {
    if (!responseUrl) return;
    const res = await opts.fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        replace_original: false,
        response_type: everyone ? 'in_channel' : 'ephemeral',
        text,
      }),
    });
    if (!res.ok) log(`slack hook: response_url answered ${res.status}`);
  };

  app.post('/hooks/slack', async (c) => {
    const fail = (status: 400 | 401 | 404 | 409 | 413 | 415 | 503, message: string) => {
      log(`slack hook: ${status} ${message}`);
      return c.json({ error: message }, status);
    };
    const media = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (media !== 'application/x-www-form-urlencoded')
      return fail(415, 'content type must be application/x-www-form-urlencoded');
    const timestamp = parseSlackTimestamp(c.req.header(SLACK_TIMESTAMP_HEADER));
    const mac = parseSlackSignature(c.req.header(SLACK_SIGNATURE_HEADER));
    if (timestamp === undefined || mac === undefined)
      return fail(
        401,
        `missing or malformed ${SLACK_TIMESTAMP_HEADER} or ${SLACK_SIGNATURE_HEADER}`,
      );
    const seconds = Math.floor(now() / 1000);
    if (Math.abs(seconds - timestamp) > SLACK_WINDOW_SECONDS)
      return fail(401, 'request timestamp is more than five minutes from now');
    if (Number(c.req.header('content-length') ?? 0) > maxBytes)
      return fail(413, `body exceeds ${maxBytes} bytes`);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > maxBytes) return fail(413, `body exceeds ${maxBytes} bytes`);
    let config: NotificationConfig | undefined;
    try {
      config = await opts.config();
    } catch (e) {
      log(`slack hook: reading the notification configuration: ${(e as Error).message}`);
      return fail(503, 'the notification configuration could not be read; retry');
    }
    const slack = config?.approvals?.slack;
    if (!slack?.signingSecret) return fail(404, 'Slack approvals are not configured');
    if (!(await verifySlackSignature(slack.signingSecret, mac, timestamp, raw)))
      return fail(401, 'signature does not match the request');
    // Keyed by the MAC itself, so a replay cannot slip past by dressing the header differently.
    const verdict = ledger.admit(String(mac), timestamp, seconds);
    if (verdict === 'seen') return fail(409, 'request was already received');
    if (verdict === 'crowded') return fail(503, 'too many requests in the window; retry');
    let payload: unknown;
    try {
      payload = JSON.parse(new URLSearchParams(new TextDecoder().decode(raw)).get('payload') ?? '');
    } catch {
      return fail(400, 'the form has no JSON payload field');
    }
    const interaction = parseSlackInteraction(payload);
    if (interaction.kind === 'invalid') return fail(400, interaction.reason);
    if (interaction.kind === 'ignored') return c.body(null, 200);
    const { action, user, responseUrl } = interaction;
    const allowed =
      slack.users.includes(user.id) ||
      (await groups.isMember(user.id, slack.groups, slackToken(config, slack.token), now()));
    if (!allowed) {
      log(`slack hook: ${user.name} (${user.id}) may not ${action}`);
      after(c, () =>
        reply(
          responseUrl,
          `<@${user.id}>, you are not allowed to ${action} Rollouts from Slack.`,
          false,
        ),
      );
      return c.json({ error: `user ${user.id} is not allowed to ${action}` }, 403);
    }
    const checked = await checkApprovalToken(config, interaction.token, now());
    if ('outcome' in checked || checked.claims.action !== action) {
      const refused: ApprovalResult =
        'outcome' in checked
          ? checked
          : {
              outcome: 'refused',
              kind: 'tampered',
              reason: "the button does not match its token's action",
            };
      after(c, () => reply(responseUrl, buildSlackReply(refused, action, user), false));
      return c.body(null, 200);
    }
    after(c, async () => {
      let result: ApprovalResult;
      try {
        result = await executeApproval(opts, checked.claims, {
          actor: `slack:${user.name} (${user.id})`,
          via: 'Slack button',
        });
      } catch (e) {
        log(`slack hook: ${action} failed: ${(e as Error).message}`);
        const reason = 'the Kubernetes API could not be reached; try again';
        result = { outcome: 'refused', kind: 'refused', reason, claims: checked.claims };
      }
      await reply(responseUrl, buildSlackReply(result, action, user), result.outcome === 'done');
    });
    return c.body(null, 200);
  });
  return app;
}

/** The bot token for group lookups: `approvals.slack.token`, else the `slack` service's token. */
function slackToken(config: NotificationConfig | undefined, own: string | undefined) {
  if (own) return own;
  for (const service of config?.services.values() ?? []) {
    const token = service.settings.token;
    if (service.ref.type === 'slack' && typeof token === 'string' && token) return token;
  }
  return undefined;
}
