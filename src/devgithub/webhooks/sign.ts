import { createHmac } from 'node:crypto';

/** GitHub's delivery signatures: HMAC of the exact body bytes, SHA-256 and (legacy) SHA-1. */
export function computeSignatureHeaders(secret: string, body: string): Record<string, string> {
  return {
    'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  };
}
