import type { ProviderContext } from '../types.js';
import type { ConfigReader } from './config.js';
import { displayUrl, isHttpUrl, sendHttp, type HttpReply } from './http.js';
import { isRecord, parseJson } from './json.js';
import { excerpt, fail, ok, type SecretList, type Step } from './outcome.js';

export interface OAuth2Config {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** `authentication.oauth2{tokenUrl, clientId, clientSecret, scopes}`; problems go to the reader. */
export function readOAuth2(auth: ConfigReader | undefined): OAuth2Config | undefined {
  const r = auth?.child('oauth2');
  if (!r) return undefined;
  const tokenUrl = r.string('tokenUrl', true) ?? '';
  if (tokenUrl && !isHttpUrl(tokenUrl)) r.problem('tokenUrl', 'must be an http(s) URL');
  return {
    tokenUrl,
    clientId: r.string('clientId', true) ?? '',
    clientSecret: r.string('clientSecret') ?? '',
    scopes: r.stringList('scopes'),
  };
}

/** `Basic base64(user:password)` over UTF-8 bytes (btoa alone only takes Latin-1). */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/**
 * OAuth2 client-credentials grant (RFC 6749 §4.4), as Go's `clientcredentials` does it: client
 * credentials in a Basic header first and, if the server refuses, in the form body. Answers the
 * `Authorization` header value for the metric request (`Bearer <token>`).
 */
export async function fetchClientCredentialsAuthorization(
  ctx: ProviderContext,
  cfg: OAuth2Config,
  secrets: SecretList,
  timeoutMs: number,
): Promise<Step<string>> {
  secrets.add(
    cfg.clientSecret,
    basicAuthorization(formEscape(cfg.clientId), formEscape(cfg.clientSecret)),
  );
  const what = `OAuth2 token request to ${displayUrl(cfg.tokenUrl)}`;
  let reply = await requestToken(ctx, cfg, true, what, timeoutMs);
  if (reply.ok && !isSuccess(reply.value.status))
    reply = await requestToken(ctx, cfg, false, what, timeoutMs);
  if (!reply.ok) return reply;
  const { status, body, headers } = reply.value;
  if (!isSuccess(status)) return fail(`${what} failed with HTTP ${status}: ${excerpt(body)}`);
  const token = readToken(body, headers.get('content-type') ?? '');
  if (!token.ok) return fail(`${what}: ${token.message}`);
  secrets.add(token.value.accessToken);
  const authorization = `${token.value.type} ${token.value.accessToken}`;
  secrets.add(authorization);
  return ok(authorization);
}

async function requestToken(
  ctx: ProviderContext,
  cfg: OAuth2Config,
  inHeader: boolean,
  what: string,
  timeoutMs: number,
): Promise<Step<HttpReply>> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (cfg.scopes.length > 0) form.set('scope', cfg.scopes.join(' '));
  const headers = new Headers({
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  });
  if (inHeader)
    headers.set(
      'Authorization',
      basicAuthorization(formEscape(cfg.clientId), formEscape(cfg.clientSecret)),
    );
  else {
    form.set('client_id', cfg.clientId);
    if (cfg.clientSecret) form.set('client_secret', cfg.clientSecret);
  }
  return sendHttp(
    ctx,
    { url: cfg.tokenUrl, method: 'POST', headers, body: form.toString() },
    what,
    timeoutMs,
  );
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before going into the Basic header. */
function formEscape(s: string): string {
  return new URLSearchParams({ s }).toString().slice(2);
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Token responses are JSON; some servers (GitHub-style) answer form-encoded. */
function readToken(body: string, contentType: string): Step<{ accessToken: string; type: string }> {
  let accessToken: unknown;
  let tokenType: unknown;
  if (/application\/x-www-form-urlencoded|text\/plain/.test(contentType)) {
    const form = new URLSearchParams(body);
    accessToken = form.get('access_token');
    tokenType = form.get('token_type');
  } else {
    const parsed = parseJson(body);
    if (!parsed.ok || !isRecord(parsed.value))
      return fail(`token response is not a JSON object: ${excerpt(body)}`);
    accessToken = parsed.value.access_token;
    tokenType = parsed.value.token_type;
  }
  if (typeof accessToken !== 'string' || accessToken === '')
    return fail('server response missing access_token');
  return ok({
    accessToken,
    type: normaliseTokenType(typeof tokenType === 'string' ? tokenType : ''),
  });
}

/** As `oauth2.Token.Type()`: lowercase bearer/mac/basic are capitalised, empty means Bearer. */
function normaliseTokenType(t: string): string {
  switch (t.toLowerCase()) {
    case '':
    case 'bearer':
      return 'Bearer';
    case 'mac':
      return 'MAC';
    case 'basic':
      return 'Basic';
    default:
      return t;
  }
}
