import { Hono } from 'hono';
import { buildHints, parseDelivery, type Hint } from './kube-hints.js';
import { parseSignature, SIGNATURE_HEADER, verifySignature } from './signature.js';

export interface KubeHookOptions {
  /** The HMAC secret shared with the relay. Never logged or echoed. */
  secret: string;
  /**
   * Receives each delivery's hints. It should only enqueue (a queue put, a Durable Object poke):
   * the hook awaits it so a failure answers 503 and the relay redelivers, rather than losing work.
   */
  onHints(hints: Hint[]): Promise<void>;
  /** Deliveries above this size answer 413. Default 5 MiB. */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

const JSON_MEDIA = 'application/json';

/**
 * `POST /hooks/kube` (DESIGN §4): watch-relay deliveries. Checks run in a fixed order, as
 * octokit/webhooks does: content type (415), signature header shape (401), size (413), constant-time
 * HMAC over the raw body (401), JSON (400), shape (400). Only then is anything parsed or acted on.
 */
export function kubeHookRoutes(opts: KubeHookOptions): Hono {
  if (opts.secret === '') throw new Error('kubeHook.secret must not be empty');
  const maxBytes = opts.maxBodyBytes ?? 5 * 1024 * 1024;
  const log = opts.log ?? (() => undefined);
  const app = new Hono();
  app.post('/hooks/kube', async (c) => {
    const fail = (status: 400 | 401 | 413 | 415 | 503, error: string, message: string) => {
      log(`kube hook: ${status} ${message}`);
      return c.json({ error, message }, status);
    };
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== JSON_MEDIA) return fail(415, 'UnsupportedMediaType', `content type must be ${JSON_MEDIA}`);
    const mac = parseSignature(c.req.header(SIGNATURE_HEADER));
    if (!mac) return fail(401, 'Unauthorized', `missing or malformed ${SIGNATURE_HEADER} (expected sha256=<hex>)`);
    if (Number(c.req.header('content-length') ?? 0) > maxBytes) return fail(413, 'PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > maxBytes) return fail(413, 'PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
    if (!(await verifySignature(opts.secret, mac, raw))) return fail(401, 'Unauthorized', 'signature does not match the body');
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw));
    } catch {
      return fail(400, 'BadRequest', 'body is not valid JSON');
    }
    const delivery = parseDelivery(body);
    if ('error' in delivery) return fail(400, 'BadRequest', delivery.error);
    const hints = buildHints(delivery.events);
    if (hints.length > 0) {
      try {
        await opts.onHints(hints);
      } catch (e) {
        return fail(503, 'Unavailable', `could not enqueue hints: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return c.json({ accepted: hints.length, events: delivery.events.length }, 202);
  });
  return app;
}
