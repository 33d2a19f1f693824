import { Hono } from 'hono';
import { DeliveryLedger } from './delivery-ledger.js';
import type { Hint } from '../../domain/hint.js';
import { buildHints, type DeliveredEvent, parseDelivery } from './kube-hints.js';
import {
  buildSignedPayload,
  DELIVERY_HEADER,
  importKey,
  parseDeliveryId,
  parseSignature,
  parseTimestamp,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from './signature.js';

export interface KubeHookOptions {
  /**
   * The HMAC secret shared with the relay, or two during a rotation (a delivery signed with either
   * is accepted). Never logged or echoed.
   */
  secret: string | readonly string[];
  /**
   * Receives each delivery's hints. It should only enqueue (a queue put, a Durable Object poke):
   * the hook awaits it so a failure answers 503 and the relay redelivers, rather than losing work.
   */
  onHints(hints: Hint[]): Promise<void>;
  /** Events that wake nothing new (the echo of the receiver's own write): left out of the hints. */
  isEcho?(event: DeliveredEvent): boolean;
  /** Deliveries above this size answer 413. Default 5 MiB. */
  maxBodyBytes?: number;
  /**
   * Also accept the old body-only signature from deliveries without timestamp and delivery headers.
   * Such deliveries have no replay protection; turn on only while old relays are being replaced.
   */
  legacySignatures?: boolean;
  /** Deliveries stamped further than this from `now` answer 401. Default 300 s. */
  replayWindowSeconds?: number;
  /** Most delivery ids remembered for replay detection. Default 10,000. */
  maxDeliveryIds?: number;
  /** Epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  log?: (line: string) => void;
}

type FailStatus = 400 | 401 | 409 | 413 | 415 | 503;

const JSON_MEDIA = 'application/json';

/**
 * `POST /hooks/kube` (DESIGN §4): watch-relay deliveries, signed as `signature.ts` describes. Checks
 * run in a fixed order, as octokit/webhooks does, and nothing is parsed or acted on before all pass:
 * content type (415); signature, timestamp and delivery headers present and well formed (401);
 * timestamp within the window (401); size (413); constant-time HMAC (401); delivery id not seen
 * within the window (409); JSON (400); shape (400).
 */
export function kubeHookRoutes(opts: KubeHookOptions): Hono {
  const secrets = checkedSecrets(opts.secret);
  const maxBytes = opts.maxBodyBytes ?? 5 * 1024 * 1024;
  const windowSeconds = opts.replayWindowSeconds ?? 300;
  const nowSeconds = () => Math.floor((opts.now ?? Date.now)() / 1000);
  const ledger = new DeliveryLedger(windowSeconds, opts.maxDeliveryIds ?? 10_000);
  const log = opts.log ?? (() => undefined);
  let keys: Promise<CryptoKey[]> | undefined;
  const app = new Hono();
  app.post('/hooks/kube', async (c) => {
    const fail = (status: FailStatus, error: string, message: string) => {
      log(`kube hook: ${status} ${message}`);
      return c.json({ error, message }, status);
    };
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== JSON_MEDIA)
      return fail(415, 'UnsupportedMediaType', `content type must be ${JSON_MEDIA}`);
    const mac = parseSignature(c.req.header(SIGNATURE_HEADER));
    if (!mac)
      return fail(
        401,
        'Unauthorized',
        `missing or malformed ${SIGNATURE_HEADER} (expected sha256=<hex>)`,
      );
    const stamp = c.req.header(TIMESTAMP_HEADER);
    const id = c.req.header(DELIVERY_HEADER);
    const legacy = opts.legacySignatures === true && stamp === undefined && id === undefined;
    const timestamp = parseTimestamp(stamp);
    const deliveryId = parseDeliveryId(id);
    if (!legacy && (timestamp === undefined || deliveryId === undefined)) {
      return fail(
        401,
        'Unauthorized',
        `missing or malformed ${TIMESTAMP_HEADER} (unix seconds) or ${DELIVERY_HEADER} (8-128 of [A-Za-z0-9_-])`,
      );
    }
    const now = nowSeconds();
    if (timestamp !== undefined && Math.abs(now - timestamp) > windowSeconds) {
      return fail(
        401,
        'Unauthorized',
        `${TIMESTAMP_HEADER} is more than ${windowSeconds}s from the receiver's clock`,
      );
    }
    if (Number(c.req.header('content-length') ?? 0) > maxBytes)
      return fail(413, 'PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > maxBytes)
      return fail(413, 'PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
    keys ??= Promise.all(secrets.map((s) => importKey(s, 'verify')));
    const signed =
      timestamp !== undefined && deliveryId !== undefined
        ? buildSignedPayload(timestamp, deliveryId, raw)
        : raw;
    if (!(await verifySignature(await keys, mac, signed)))
      return fail(401, 'Unauthorized', 'signature does not match the delivery');
    if (timestamp !== undefined && deliveryId !== undefined) {
      const verdict = ledger.admit(deliveryId, timestamp, now);
      if (verdict === 'seen')
        return fail(409, 'Conflict', `delivery ${deliveryId} was already received`);
      if (verdict === 'crowded') {
        c.header('Retry-After', '1');
        return fail(
          503,
          'Unavailable',
          'too many deliveries in the replay window; resend with a fresh timestamp',
        );
      }
    }
    const answer = await take(raw, opts);
    if ('error' in answer) {
      // Only a delivery the hook failed to take may come again under the same id.
      if (answer.status === 503 && deliveryId !== undefined) ledger.release(deliveryId);
      return fail(answer.status, answer.error, answer.message);
    }
    return c.json(answer, 202);
  });
  return app;
}

/** Parse a verified body and hand its hints over; a 400 or 503 outcome otherwise. */
async function take(
  raw: Uint8Array,
  { onHints, isEcho }: Pick<KubeHookOptions, 'onHints' | 'isEcho'>,
): Promise<
  { accepted: number; events: number } | { status: 400 | 503; error: string; message: string }
> {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    return { status: 400, error: 'BadRequest', message: 'body is not valid JSON' };
  }
  const delivery = parseDelivery(body);
  if ('error' in delivery) return { status: 400, error: 'BadRequest', message: delivery.error };
  const hints = buildHints(isEcho ? delivery.events.filter((e) => !isEcho(e)) : delivery.events);
  if (hints.length > 0) {
    try {
      await onHints(hints);
    } catch (e) {
      return {
        status: 503,
        error: 'Unavailable',
        message: `could not enqueue hints: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  return { accepted: hints.length, events: delivery.events.length };
}

/** One secret, or two during a rotation; none empty. */
function checkedSecrets(secret: string | readonly string[]): readonly string[] {
  const list = typeof secret === 'string' ? [secret] : secret;
  const problems = [
    ...(list.length === 0 || list.length > 2
      ? [`kubeHook.secret must be one secret or a list of one or two (got ${list.length})`]
      : []),
    ...(list.some((s) => s === '') ? ['kubeHook.secret must not be empty'] : []),
  ];
  if (problems.length > 0) throw new Error(problems.join('; '));
  return list;
}
