#!/usr/bin/env node
// A local stand-in for the endpoints notifications go to (README "Notifications"): it answers a
// generic webhook with 200, and Slack's `chat.postMessage` / `chat.update` the way Slack does
// (`{"ok": true, "ts": …}`), and writes every request it receives as one JSON line, to stdout and
// to `--out <file>` when given. Node only, no dependencies.
//
//   node scripts/notification-sink.mjs --port 9099 --out /tmp/sink.jsonl
/* global process, Buffer */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

function flag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const port = Number(flag('port', '9099'));
const out = flag('out', undefined);
let messages = 0;

function parseBody(type, text) {
  if (!text) return undefined;
  if (/json/.test(type ?? '')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Slack's Web API answers 200 with `ok`; each posted message gets a `ts` of its own. */
function slackAnswer(path, body) {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(++messages).padStart(6, '0')}`;
  if (path.endsWith('/chat.postMessage')) return { ok: true, channel: body?.channel, ts };
  if (path.endsWith('/chat.update')) return { ok: true, channel: body?.channel, ts: body?.ts };
  return undefined;
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const body = parseBody(req.headers['content-type'], text);
    const line = JSON.stringify({
      at: new Date().toISOString(),
      method: req.method,
      path: req.url,
      contentType: req.headers['content-type'],
      body,
    });
    process.stdout.write(`${line}\n`);
    if (out) appendFileSync(out, `${line}\n`);
    const slack = slackAnswer(req.url ?? '', body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(slack ?? { received: true }));
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stderr.write(`notification sink listening on http://127.0.0.1:${port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)));
