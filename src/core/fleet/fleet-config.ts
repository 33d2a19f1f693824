import type { ClusterAuth, FleetCluster, FleetConfig, SecretRef } from '../../domain/fleet.js';
import { isRecord } from '../../domain/json.js';
import { DNS_LABEL, listAt, objectAt } from './config-fields.js';
import { parseFreezes, parseWindows } from './window-config.js';

/**
 * The fleet (issue 21 §1), parsed once at start-up with every problem listed by its path. Secrets
 * are never written here: each is the name of an environment variable (Node) or binding (Workers)
 * that holds it, so neither this text nor its problems can leak one.
 *
 * ```yaml
 * home: staging                          # where Release resources live; default: the controller's own cluster
 * clusters:
 *   - name: staging
 *     server: https://staging.example.com:6443
 *     token: {env: STAGING_TOKEN}
 *     caData: {env: STAGING_CA}          # PEM; absent: publicly trusted
 *   - name: prod-eu
 *     server: https://eu.example.com:6443
 *     clientCertificate: {env: EU_CERT}
 *     clientKey: {env: EU_KEY}
 *   - name: prod-us                       # behind Cloudflare Tunnel + Access (Workers)
 *     server: https://k8s-us.example.com
 *     headers:
 *       CF-Access-Client-Id: {env: US_ACCESS_ID}
 *       CF-Access-Client-Secret: {env: US_ACCESS_SECRET}
 * windows: [...]                          # see window-config.ts
 * freezes: [...]
 * ```
 */
export type FleetConfigResult = { fleet: FleetConfig } | { problems: string[] };

const TOP = ['home', 'clusters', 'windows', 'freezes'];
const CLUSTER = ['name', 'server', 'token', 'clientCertificate', 'clientKey', 'headers', 'caData'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseFleetConfig(raw: unknown): FleetConfigResult {
  const problems: string[] = [];
  const top = objectAt(raw, 'fleet', TOP, problems);
  if (!top) return { problems };
  const list = listAt(top.clusters, 'clusters', problems);
  if (list.length === 0 && Array.isArray(top.clusters)) problems.push('clusters must not be empty');
  if (top.clusters === undefined) problems.push('clusters is required');
  const clusters = list.flatMap((c, i) => parseCluster(c, `clusters[${i}]`, problems));
  const seen = new Set<string>();
  for (const c of clusters) {
    if (seen.has(c.name)) problems.push(`clusters: two clusters are named "${c.name}"`);
    seen.add(c.name);
  }
  const home = top.home;
  if (home !== undefined && (typeof home !== 'string' || !seen.has(home)))
    problems.push('home must name one of the clusters');
  const windows = parseWindows(top.windows, 'windows', seen, problems);
  const freezes = parseFreezes(top.freezes, 'freezes', seen, problems);
  if (problems.length > 0) return { problems };
  return {
    fleet: { clusters, windows, freezes, ...(typeof home === 'string' ? { home } : {}) },
  };
}

function parseCluster(raw: unknown, at: string, problems: string[]): FleetCluster[] {
  const before = problems.length;
  const c = objectAt(raw, at, CLUSTER, problems);
  if (!c) return [];
  if (typeof c.name !== 'string' || !DNS_LABEL.test(c.name))
    problems.push(`${at}.name must be a DNS label (lower-case letters, digits, "-")`);
  if (!isServerUrl(c.server))
    problems.push(`${at}.server must be an https URL (http only on loopback)`);
  const auth = parseAuth(c, at, problems);
  const caData = c.caData === undefined ? undefined : secretRef(c.caData, `${at}.caData`, problems);
  if (problems.length > before || !auth) return [];
  return [
    {
      name: c.name as string,
      server: (c.server as string).replace(/\/+$/, ''),
      auth,
      ...(caData ? { caData } : {}),
    },
  ];
}

function parseAuth(
  c: Record<string, unknown>,
  at: string,
  problems: string[],
): ClusterAuth | undefined {
  const given = ['token', 'clientCertificate', 'headers'].filter((k) => c[k] !== undefined);
  if (c.clientKey !== undefined && c.clientCertificate === undefined) given.push('clientKey');
  if (given.length !== 1) {
    problems.push(
      `${at} needs exactly one of token, clientCertificate with clientKey, or headers` +
        (given.length > 1 ? ` (has ${given.join(', ')})` : ''),
    );
    return undefined;
  }
  if (c.token !== undefined) {
    const token = secretRef(c.token, `${at}.token`, problems);
    return token && { kind: 'token', token };
  }
  if (c.clientCertificate !== undefined) {
    const certificate = secretRef(c.clientCertificate, `${at}.clientCertificate`, problems);
    if (c.clientKey === undefined)
      problems.push(`${at}.clientKey is required with clientCertificate`);
    const key =
      c.clientKey === undefined ? undefined : secretRef(c.clientKey, `${at}.clientKey`, problems);
    return certificate && key && { kind: 'clientCertificate', certificate, key };
  }
  if (!isRecord(c.headers) || Object.keys(c.headers).length === 0) {
    problems.push(`${at}.headers must map header names to {env: VARIABLE}`);
    return undefined;
  }
  const headers: Record<string, SecretRef> = {};
  // Headers by position only: a pasted value in a name's place must not be repeated.
  for (const [i, [name, value]] of Object.entries(c.headers).entries()) {
    if (!HEADER_NAME.test(name))
      problems.push(`${at}.headers[${i}]: the name is not a valid header name`);
    const ref = secretRef(value, `${at}.headers[${i}]`, problems);
    if (ref) headers[name] = ref;
  }
  return { kind: 'headers', headers };
}

/** `{env: NAME}`; an inline value is refused without being repeated. */
function secretRef(raw: unknown, at: string, problems: string[]): SecretRef | undefined {
  if (isRecord(raw) && Object.keys(raw).length === 1 && typeof raw.env === 'string') {
    if (ENV_NAME.test(raw.env)) return { env: raw.env };
    problems.push(`${at}.env must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)`);
    return undefined;
  }
  problems.push(
    `${at} must be {env: VARIABLE} naming where the secret is; inline secrets are not accepted`,
  );
  return undefined;
}

function isServerUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
}
