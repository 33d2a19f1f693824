import { type KeyObject, randomBytes } from 'node:crypto';
import { apiErrors } from '../errors.js';
import type { Account } from '../model.js';
import { isJwtShaped, verifyAppJwt } from './app-jwt.js';

export interface AppSettings {
  id: number;
  slug: string;
  publicKey: KeyObject;
  installationId: number;
  /** `<slug>[bot]`, the author of what installation tokens write. */
  bot: Account;
}

export interface InstallationToken {
  token: string;
  installationId: number;
  expiresAt: number;
  permissions: Record<string, string>;
  /** Repository names the token was narrowed to; absent = all. */
  repositories?: string[];
}

/** Who a request acts as. `rateKey` names the rate-limit budget it spends. */
export type Identity =
  | { kind: 'anonymous'; rateKey: string; subject: string }
  | { kind: 'token'; token: string; account: Account; rateKey: string; subject: string }
  | {
      kind: 'installation';
      token: string;
      account: Account;
      grant: InstallationToken;
      rateKey: string;
      subject: string;
    }
  | { kind: 'app'; token: string; appId: number; rateKey: string; subject: string };

export const INSTALLATION_PERMISSIONS = {
  contents: 'read',
  deployments: 'write',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'write',
};
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class InstallationTokens {
  private readonly tokens = new Map<string, InstallationToken>();

  issue(
    installationId: number,
    now: number,
    permissions: Record<string, string>,
    repositories?: string[],
  ): InstallationToken {
    const token = `ghs_${[...randomBytes(36)].map((b) => BASE62[b % 62]).join('')}`;
    const grant: InstallationToken = {
      token,
      installationId,
      expiresAt: now + TOKEN_LIFETIME_MS,
      permissions,
      ...(repositories ? { repositories } : {}),
    };
    this.tokens.set(token, grant);
    return grant;
  }

  find(token: string, now: number): InstallationToken | undefined {
    const grant = this.tokens.get(token);
    return grant && grant.expiresAt > now ? grant : undefined;
  }
}

function credentialOf(header: string): string | undefined {
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  if (/^(token|bearer)$/i.test(scheme)) return value;
  // git and some clients send the token as the Basic password.
  if (/^basic$/i.test(scheme))
    return Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':') || undefined;
  return undefined;
}

/** Resolves `Authorization` to an identity; a credential that does not check out is a 401, never anonymous. */
export function resolveIdentity(
  header: string | undefined,
  remote: string,
  deps: {
    tokens: ReadonlySet<string>;
    tokenOwner: Account;
    app?: AppSettings;
    installations: InstallationTokens;
    now: number;
  },
): Identity {
  if (header === undefined || header.trim() === '')
    return { kind: 'anonymous', rateKey: `ip:${remote}`, subject: remote };
  const token = credentialOf(header);
  if (!token) throw apiErrors.badCredentials();
  if (deps.tokens.has(token))
    return {
      kind: 'token',
      token,
      account: deps.tokenOwner,
      rateKey: `token:${token}`,
      subject: `user ID ${deps.tokenOwner.id}`,
    };
  const grant = deps.installations.find(token, deps.now);
  if (grant && deps.app)
    return {
      kind: 'installation',
      token,
      account: deps.app.bot,
      grant,
      rateKey: `token:${token}`,
      subject: `installation ID ${grant.installationId}`,
    };
  if (isJwtShaped(token) && deps.app) {
    const check = verifyAppJwt(token, deps.app, Math.floor(deps.now / 1000));
    if (!check.ok) throw apiErrors.jwt(check.message);
    return {
      kind: 'app',
      token,
      appId: check.appId,
      rateKey: `app:${check.appId}`,
      subject: `app ID ${check.appId}`,
    };
  }
  throw apiErrors.badCredentials();
}
