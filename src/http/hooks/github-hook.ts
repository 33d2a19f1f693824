import { verifyWithFallback } from '@octokit/webhooks-methods';
import { type Context, Hono } from 'hono';
import { parseCommentEvent } from '../../core/gitops/comment-event.js';
import { parseCommands } from '../../core/gitops/commands.js';
import { parsePushEvent, planPush } from '../../core/gitops/push-event.js';
import type { GitHubHookWiring } from '../../controller/gitops/gitops.js';
import { DeliveryLedger } from './delivery-ledger.js';

export interface GitHubHookOptions extends GitHubHookWiring {
  /** Deliveries above this size answer 413. Default 5 MiB (GitHub caps payloads at 25 MB). */
  maxBodyBytes?: number;
  now?: () => number;
}

const SIGNATURE = /^sha256=[0-9a-f]{64}$/;
const DELIVERY = /^[A-Za-z0-9-]{1,100}$/;
const EVENT = /^[a-z_]{1,64}$/;
/** Delivery ids remembered for de-duplication, for this long (GitHub redelivers on request, not on a timer). */
const DEDUP_SECONDS = 24 * 3600;

/**
 * `POST /hooks/github` (DESIGN §4). Checks in a fixed order before anything is parsed, as
 * octokit/webhooks does: content type (415), headers (400), signature header (401), size (413),
 * HMAC over the raw body with `@octokit/webhooks-methods` (constant-time WebCrypto, both runtimes)
 * (401), delivery id already taken (200, nothing done again), JSON (400). Then it answers within
 * GitHub's budget: pushes are enqueued (202), comments run after the answer.
 */
export function gitHubHookRoutes(opts: GitHubHookOptions): Hono {
  const secrets = typeof opts.secret === 'string' ? [opts.secret] : [...opts.secret];
  if (secrets.length === 0 || secrets.length > 2 || secrets.some((s) => s === ''))
    throw new Error('githubHook.secret must be one or two non-empty secrets');
  const [first, ...rest] = secrets as [string, ...string[]];
  const maxBytes = opts.maxBodyBytes ?? 5 * 1024 * 1024;
  const now = opts.now ?? Date.now;
  const ledger = new DeliveryLedger(DEDUP_SECONDS, 10_000);
  const log = opts.log ?? (() => undefined);
  const background = new Set<Promise<void>>();
  const app = new Hono();
  app.post('/hooks/github', async (c) => {
    const fail = (status: 400 | 401 | 413 | 415 | 503, error: string, message: string) => {
      log(`github hook: ${status} ${message}`);
      return c.json({ error, message }, status);
    };
    const media = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (media !== 'application/json')
      return fail(
        415,
        'UnsupportedMediaType',
        "content type must be application/json (set the webhook's content type to application/json)",
      );
    const event = c.req.header('x-github-event') ?? '';
    const delivery = c.req.header('x-github-delivery') ?? '';
    if (!EVENT.test(event) || !DELIVERY.test(delivery))
      return fail(
        400,
        'BadRequest',
        'missing or malformed X-GitHub-Event or X-GitHub-Delivery header',
      );
    const signature = c.req.header('x-hub-signature-256') ?? '';
    if (!SIGNATURE.test(signature))
      return fail(
        401,
        'Unauthorized',
        'missing or malformed X-Hub-Signature-256 (is the webhook secret set?)',
      );
    if (Number(c.req.header('content-length') ?? 0) > maxBytes)
      return fail(413, 'PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > maxBytes)
      return fail(413, 'PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw);
    } catch {
      return fail(400, 'BadRequest', 'body is not UTF-8');
    }
    // GitHub always sends a payload; `verifyWithFallback` throws on an empty one (a 500 otherwise).
    if (text === '') return fail(400, 'BadRequest', 'body is empty');
    if (!(await verifyWithFallback(first, text, signature, rest)))
      return fail(401, 'Unauthorized', 'signature does not match the delivery');
    const seconds = Math.floor(now() / 1000);
    if (ledger.admit(delivery, seconds, seconds) !== 'new')
      return c.json({ duplicate: true, message: `delivery ${delivery} was already received` }, 200);
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      ledger.release(delivery);
      return fail(400, 'BadRequest', 'body is not valid JSON');
    }
    if (event === 'ping') return c.json({ pong: true });
    if (event === 'push') {
      const push = parsePushEvent(payload);
      if ('error' in push) return fail(400, 'BadRequest', push.error);
      const plan = planPush(opts.config, push);
      if (plan.kind === 'ignored') return c.json({ ignored: plan.reason }, 202);
      try {
        await opts.onPush(plan, push);
      } catch (e) {
        ledger.release(delivery);
        return fail(503, 'Unavailable', `could not enqueue the sync: ${(e as Error).message}`);
      }
      return c.json(
        {
          [plan.kind === 'deleted' ? 'deleted' : 'syncing']: plan.sources.map((s) => s.name),
          sha: plan.sha,
        },
        202,
      );
    }
    if (event === 'issue_comment' || event === 'commit_comment') {
      const comment = parseCommentEvent(event, payload);
      if (!comment) return c.json({ ignored: 'not a new comment' }, 202);
      const commands = comment.userType === 'Bot' ? [] : parseCommands(comment.body);
      if (commands.length === 0) return c.json({ ignored: 'no /rollouts command' }, 202);
      later(c, background, opts.onCommands(comment, commands), log);
      return c.json({ commands: commands.length }, 202);
    }
    return c.json({ ignored: `event ${event} is not handled` }, 202);
  });
  return app;
}

/** Work that outlives the answer: `waitUntil` in Workers; a tracked promise on Node. */
function later(
  c: Context,
  background: Set<Promise<void>>,
  work: Promise<void>,
  log: (line: string) => void,
): void {
  const tracked = work.catch((e: unknown) =>
    log(`github hook: background work failed: ${(e as Error).message}`),
  );
  try {
    c.executionCtx.waitUntil(tracked);
  } catch {
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  }
}
