import type { RecordedRequest, Reply } from '../../metrics/support/fake-service.js';

/**
 * A stand-in for Slack's Web API (`chat.postMessage`, `chat.update`) and an incoming webhook,
 * checking what Slack checks and answering as Slack answers: HTTP 200 with `{ok: false, error}` for
 * refusals, text codes with 4xx statuses for webhooks. Limits from Slack's reference: 50 blocks,
 * 3000 characters of section text, 25 elements in an actions block, 2000 characters of button
 * value, 255 of action_id, 40000 characters of text, thread_ts of an existing message.
 */
export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  reply_broadcast?: boolean;
  text?: string;
  blocks?: Array<Record<string, unknown>>;
  attachments?: unknown[];
  username?: string;
  icon_emoji?: string;
  icon_url?: string;
  updates: number;
}

export interface FakeSlackApi {
  handle(req: RecordedRequest): Reply;
  messages: PostedMessage[];
}

const refuse = (error: string, extra: Record<string, unknown> = {}): Reply => ({
  json: { ok: false, error, ...extra },
});

function blocksProblem(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > 50) return 'no more than 50 items allowed [json-pointer:/blocks]';
  for (const [i, block] of (blocks as Array<Record<string, unknown>>).entries()) {
    if (typeof block['type'] !== 'string')
      return `missing required field: type [json-pointer:/blocks/${i}]`;
    const text = (block['text'] as { text?: unknown } | undefined)?.text;
    if (block['type'] === 'section' && typeof text === 'string' && text.length > 3000) {
      return `must be less than 3001 characters [json-pointer:/blocks/${i}/text]`;
    }
    if (block['type'] === 'actions') {
      const elements = block['elements'] as Array<Record<string, unknown>>;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
        return `actions need 1 to 25 elements [json-pointer:/blocks/${i}/elements]`;
      }
      for (const e of elements) {
        if (String(e['value'] ?? '').length > 2000 || String(e['action_id'] ?? '').length > 255) {
          return `button value or action_id too long [json-pointer:/blocks/${i}]`;
        }
      }
    }
  }
  return undefined;
}

export function fakeSlackApi(opts: {
  token: string;
  channels: Record<string, string>;
}): FakeSlackApi {
  const messages: PostedMessage[] = [];
  const idOf = (channel: string) =>
    Object.values(opts.channels).includes(channel) ? channel : opts.channels[channel];

  function post(body: Record<string, unknown>): Reply {
    const channel = idOf(String(body['channel'] ?? ''));
    if (channel === undefined) return refuse('channel_not_found');
    const text = body['text'];
    if (typeof text === 'string' && text.length > 40_000) return refuse('msg_too_long');
    if (!text && !body['blocks'] && !body['attachments']) return refuse('no_text');
    if (body['blocks'] !== undefined) {
      const problem = blocksProblem(body['blocks']);
      if (problem) return refuse('invalid_blocks', { response_metadata: { messages: [problem] } });
    }
    const threadTs = body['thread_ts'];
    if (threadTs !== undefined) {
      if (typeof threadTs !== 'string' || !/^\d+\.\d{6}$/.test(threadTs))
        return refuse('invalid_thread_ts');
      if (!messages.some((m) => m.channel === channel && m.ts === threadTs))
        return refuse('thread_not_found');
    }
    const ts = `${1_772_366_400 + messages.length}.${String(messages.length + 1).padStart(6, '0')}`;
    const { channel: _name, ...fields } = body;
    messages.push({ ...(fields as Partial<PostedMessage>), channel, ts, updates: 0 });
    return { json: { ok: true, channel, ts, message: { text, ts } } };
  }

  function update(body: Record<string, unknown>): Reply {
    // chat.update takes the channel id only, never a name.
    const channel = String(body['channel'] ?? '');
    if (!Object.values(opts.channels).includes(channel)) return refuse('channel_not_found');
    const message = messages.find((m) => m.channel === channel && m.ts === body['ts']);
    if (message === undefined) return refuse('message_not_found');
    if (body['blocks'] !== undefined && blocksProblem(body['blocks']))
      return refuse('invalid_blocks');
    Object.assign(message, {
      text: body['text'],
      blocks: body['blocks'],
      updates: message.updates + 1,
    });
    return { json: { ok: true, channel, ts: message.ts, text: body['text'] } };
  }

  return {
    messages,
    handle(req) {
      if (req.method !== 'POST') return { status: 405, text: 'method_not_allowed' };
      const auth = req.headers.authorization;
      if (auth === undefined) return refuse('not_authed');
      if (auth !== `Bearer ${opts.token}`) return refuse('invalid_auth');
      if (!String(req.headers['content-type']).startsWith('application/json'))
        return refuse('invalid_arguments');
      const body = JSON.parse(req.body) as Record<string, unknown>;
      if (req.path === '/api/chat.postMessage') return post(body);
      if (req.path === '/api/chat.update') return update(body);
      return { status: 404, text: 'unknown_method' };
    },
  };
}

/** An incoming webhook: `ok` as text when the payload is good, Slack's text codes otherwise. */
export function fakeSlackWebhook(messages: Array<Record<string, unknown>>) {
  return (req: RecordedRequest): Reply => {
    if (req.method !== 'POST') return { status: 405, text: 'invalid_method' };
    if (req.path.endsWith('/archived')) return { status: 410, text: 'channel_is_archived' };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return { status: 400, text: 'invalid_payload' };
    }
    if (!body['text'] && !body['blocks']) return { status: 400, text: 'no_text' };
    if (body['blocks'] !== undefined && blocksProblem(body['blocks'])) {
      return { status: 400, text: 'invalid_blocks' };
    }
    messages.push({ ...body, path: req.path });
    return { text: 'ok' };
  };
}
