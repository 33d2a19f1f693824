import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { signApprovalActions } from '../../../src/core/notifications/approval/index.js';
import type { NotificationConfig } from '../../../src/core/notifications/types.js';
import type { ApprovalAction } from '../../../src/domain/notification.js';
import { buildApp } from '../../../src/http/app.js';
import { signSlackRequest } from '../../../src/http/hooks/slack-signature.js';
import type { World } from '../../controller/world.js';

export const LINK_KEY = 'approval-link-key-for-tests';
export const SIGNING_SECRET = 'slack-signing-secret-for-tests';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const ALLOWED = { id: 'U0ALLOWED', username: 'alice' };
export const GROUP = 'S0OPS';
export const PUBLIC_URL = 'https://rollouts.example.com';

/** What the local Slack endpoint received. */
export interface FakeSlack {
  url: string;
  /** Members `usergroups.users.list` answers with, by group id. */
  groups: Map<string, string[]>;
  /** `usergroups.users.list` calls: the group asked for and the Authorization header. */
  lookups: Array<{ usergroup: string | null; authorization: string | undefined }>;
  /** Bodies POSTed to `<url>/respond/…` (the interactions' response_url). */
  replies: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });

/** A loopback stand-in for slack.com: the Web API method we call, and response_url. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const slack: Omit<FakeSlack, 'url' | 'close'> = { groups: new Map(), lookups: [], replies: [] };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void read(req).then((body) => {
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/api/usergroups.users.list') {
        const usergroup = url.searchParams.get('usergroup');
        slack.lookups.push({ usergroup, authorization: req.headers.authorization });
        const members = usergroup === null ? undefined : slack.groups.get(usergroup);
        if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`)
          return res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
        return res.end(
          JSON.stringify(
            members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' },
          ),
        );
      }
      if (url.pathname.startsWith('/respond/') && req.method === 'POST') {
        slack.replies.push(JSON.parse(body) as Record<string, unknown>);
        return res.end('ok');
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...slack,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function aNotificationConfig(
  approvals: Partial<NonNullable<NotificationConfig['approvals']>> = {},
): NotificationConfig {
  return {
    services: new Map([
      ['slack', { ref: { type: 'slack', name: 'slack' }, settings: { token: BOT_TOKEN } }],
    ]),
    templates: new Map(),
    triggers: new Map(),
    defaultTriggers: [],
    serviceDefaultTriggers: new Map(),
    subscriptions: [],
    context: {},
    problems: [],
    secretValues: [LINK_KEY, SIGNING_SECRET, BOT_TOKEN],
    secrets: {},
    approvals: {
      url: PUBLIC_URL,
      linkKey: LINK_KEY,
      linkTtlMs: 3600_000,
      triggers: ['on-rollout-paused'],
      slack: { signingSecret: SIGNING_SECRET, users: [ALLOWED.id], groups: [GROUP] },
      ...approvals,
    },
  };
}

/** Both approval hooks as a runtime mounts them, over the world's devcluster and manual clock. */
export function approvalsApp(
  w: World,
  slack: FakeSlack,
  opts: { config?: NotificationConfig; pending?: Array<Promise<void>>; woken?: string[] } = {},
): Hono {
  const deps = {
    kube: w.kube,
    config: () => Promise.resolve(opts.config ?? aNotificationConfig()),
    now: () => w.h.clock.now(),
    onRollouts: (refs: Array<{ namespace: string; name: string }>) => {
      opts.woken?.push(...refs.map((r) => `${r.namespace}/${r.name}`));
      return Promise.resolve();
    },
  };
  return buildApp({
    runtime: 'node',
    version: '9.9.9',
    approveHook: deps,
    slackHook: {
      ...deps,
      fetch: (input, init) => fetch(input, init),
      slackApiUrl: `${slack.url}/api`,
      defer: (work) => opts.pending?.push(work),
    },
  });
}

/** The Promote and Abort actions a message about the Rollout as it is now would carry. */
export async function actionsFor(
  w: World,
  recipient = '#deploys',
  config = aNotificationConfig(),
  only?: 'slack',
): Promise<{ promote: ApprovalAction; abort: ApprovalAction }> {
  const ro = await w.rollout();
  const [promote, abort] = await signApprovalActions(
    config.approvals,
    {
      namespace: 'default',
      name: ro.metadata.name,
      uid: ro.metadata.uid ?? '',
      revision: ro.metadata.annotations?.['rollout.argoproj.io/revision'] ?? '',
      ...(ro.status?.currentStepIndex !== undefined
        ? { stepIndex: ro.status.currentStepIndex }
        : {}),
      ...(ro.status?.currentPodHash ? { podHash: ro.status.currentPodHash } : {}),
      recipient,
      ...(only ? { only } : {}),
    },
    w.h.clock.now(),
  );
  if (!promote || !abort) throw new Error('approvals configured, yet no actions');
  return { promote, abort };
}

/** A `block_actions` payload as Slack sends it when someone clicks one of our buttons. */
export function blockActions(o: {
  user?: { id: string; username: string };
  actionId?: string;
  value: string;
  responseUrl: string;
}): Record<string, unknown> {
  const user = o.user ?? ALLOWED;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.username, name: user.username, team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0DEPLOYS' },
    channel: { id: 'C0DEPLOYS', name: 'deploys' },
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: o.actionId ?? 'rollouts-promote',
        block_id: 'rollouts-approval',
        text: { type: 'plain_text', text: 'Promote' },
        value: o.value,
        action_ts: '1700000001.000200',
      },
    ],
  };
}

/** POSTs an interaction signed as Slack signs it; `tamper` changes what is sent after signing. */
export async function postInteraction(
  app: Hono,
  payload: Record<string, unknown>,
  o: {
    nowMs: number;
    timestamp?: number;
    secret?: string;
    signature?: string;
    contentType?: string;
  },
): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = o.timestamp ?? Math.floor(o.nowMs / 1000);
  const signature =
    o.signature ?? (await signSlackRequest(o.secret ?? SIGNING_SECRET, timestamp, body));
  return send(app, body, {
    'content-type': o.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
  });
}

export async function send(
  app: Hono,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  const res = await app.request('/hooks/slack', { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), headers: Object.fromEntries(res.headers) };
}
