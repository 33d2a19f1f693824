import { describe, expect, it } from 'vitest';
import { type GitOpsEnv, parseGitOpsEnv } from '../../../src/core/gitops/env-config.js';

const CONFIG = 'cluster: dev\nsources: [{repo: acme/deploy, path: k8s, namespace: shop}]';
const PKCS8 = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----';
const PKCS1 = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';

/** A complete token setup; each override sets (or, with undefined, removes) one variable. */
function anEnv(overrides: Partial<Record<keyof GitOpsEnv, string | undefined>> = {}): GitOpsEnv {
  const env: Record<string, string | undefined> = {
    GITOPS_CONFIG: CONFIG,
    GITHUB_TOKEN: 'ghp_secret',
    GITHUB_WEBHOOK_SECRET: 'hook-secret',
    ...overrides,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as GitOpsEnv;
}

const appEnv = (o: Partial<Record<keyof GitOpsEnv, string | undefined>> = {}) =>
  anEnv({ GITHUB_TOKEN: undefined, GITHUB_APP_ID: '12345', GITHUB_APP_PRIVATE_KEY: PKCS8, ...o });

describe('parseGitOpsEnv', () => {
  it('is off, without problems, when no configuration is given', () => {
    expect(parseGitOpsEnv({ GITHUB_TOKEN: 'x' }, 'node')).toEqual({ problems: [] });
  });

  it('a token setup: api.github.com by default, secrets trimmed', () => {
    const r = parseGitOpsEnv(
      anEnv({ GITHUB_TOKEN: ' ghp_secret\n', GITHUB_WEBHOOK_SECRET: 'hook-secret\n' }),
      'node',
    );
    expect(r.problems).toEqual([]);
    expect(r.settings).toMatchObject({
      baseUrl: 'https://api.github.com',
      auth: { kind: 'token', token: 'ghp_secret' },
      webhookSecrets: ['hook-secret'],
      config: { cluster: 'dev' },
    });
  });

  it('a GitHub Enterprise URL loses its trailing slash', () => {
    expect(
      parseGitOpsEnv(anEnv({ GITHUB_API_URL: 'https://ghe.example/api/v3/' }), 'node').settings
        ?.baseUrl,
    ).toBe('https://ghe.example/api/v3');
  });

  it('a GitHub App: escaped newlines in the key are restored; the installation id is a number', () => {
    const r = parseGitOpsEnv(
      appEnv({
        GITHUB_APP_PRIVATE_KEY: PKCS8.replace(/\n/g, '\\n'),
        GITHUB_APP_INSTALLATION_ID: '77',
      }),
      'workers',
    );
    expect(r.problems).toEqual([]);
    expect(r.settings?.auth).toEqual({
      kind: 'app',
      appId: '12345',
      privateKey: PKCS8,
      installationId: 77,
    });
  });

  it('keeps the previous webhook secret during a rotation, once', () => {
    expect(
      parseGitOpsEnv(anEnv({ GITHUB_WEBHOOK_SECRET_PREVIOUS: 'old' }), 'node').settings
        ?.webhookSecrets,
    ).toEqual(['hook-secret', 'old']);
    expect(
      parseGitOpsEnv(anEnv({ GITHUB_WEBHOOK_SECRET_PREVIOUS: 'hook-secret' }), 'node').settings
        ?.webhookSecrets,
    ).toEqual(['hook-secret']);
  });

  it('PKCS#1 keys work on Node (converted there) but are refused on Workers with the fix', () => {
    expect(parseGitOpsEnv(appEnv({ GITHUB_APP_PRIVATE_KEY: PKCS1 }), 'node').problems).toEqual([]);
    const r = parseGitOpsEnv(appEnv({ GITHUB_APP_PRIVATE_KEY: PKCS1 }), 'workers');
    expect(r.settings).toBeUndefined();
    expect(r.problems).toEqual([
      'GITHUB_APP_PRIVATE_KEY is PKCS#1; Workers need PKCS#8: openssl pkcs8 -topk8 -nocrypt -in app.pem',
    ]);
  });

  it.each([
    [
      'no credentials',
      anEnv({ GITHUB_TOKEN: undefined }),
      'neither GITHUB_TOKEN nor GITHUB_APP_ID/GITHUB_APP_PRIVATE_KEY',
    ],
    [
      'a blank token',
      anEnv({ GITHUB_TOKEN: '  ' }),
      'neither GITHUB_TOKEN nor GITHUB_APP_ID/GITHUB_APP_PRIVATE_KEY',
    ],
    [
      'a token and an App',
      appEnv({ GITHUB_TOKEN: 'ghp_x' }),
      'set either GITHUB_TOKEN or GITHUB_APP_ID',
    ],
    [
      'an App key without id',
      appEnv({ GITHUB_APP_ID: undefined }),
      "GITHUB_APP_ID must be the App's numeric id",
    ],
    [
      'an App id that is a slug',
      appEnv({ GITHUB_APP_ID: 'my-app' }),
      "GITHUB_APP_ID must be the App's numeric id",
    ],
    [
      'an App id without key',
      appEnv({ GITHUB_APP_PRIVATE_KEY: undefined }),
      "GITHUB_APP_PRIVATE_KEY must be the App's PEM private key",
    ],
    [
      'a key that is not PEM',
      appEnv({ GITHUB_APP_PRIVATE_KEY: 'MIIEvQIBADANBg' }),
      "GITHUB_APP_PRIVATE_KEY must be the App's PEM private key",
    ],
    [
      'a non-numeric installation',
      appEnv({ GITHUB_APP_INSTALLATION_ID: 'acme' }),
      'GITHUB_APP_INSTALLATION_ID must be numeric',
    ],
    [
      'no webhook secret',
      anEnv({ GITHUB_WEBHOOK_SECRET: undefined }),
      'GITHUB_WEBHOOK_SECRET is not set',
    ],
    [
      'only the previous secret',
      anEnv({ GITHUB_WEBHOOK_SECRET: undefined, GITHUB_WEBHOOK_SECRET_PREVIOUS: 'old' }),
      'GITHUB_WEBHOOK_SECRET_PREVIOUS is set without GITHUB_WEBHOOK_SECRET',
    ],
    [
      'an API URL without scheme',
      anEnv({ GITHUB_API_URL: 'ghe.example/api/v3' }),
      'GITHUB_API_URL must be an http(s) URL',
    ],
    [
      'a bad configuration',
      anEnv({ GITOPS_CONFIG: 'sources: []' }),
      'GITOPS_CONFIG: `sources` must be a non-empty list',
    ],
  ])('%s: refused, naming the variable', (_what, env, message) => {
    const r = parseGitOpsEnv(env, 'node');
    expect(r.settings).toBeUndefined();
    expect(r.problems.join('\n')).toContain(message);
  });

  it('lists every problem at once and never quotes a secret', () => {
    const r = parseGitOpsEnv(
      {
        GITOPS_CONFIG: 'sources: 1',
        GITHUB_TOKEN: 'ghp_supersecret',
        GITHUB_APP_ID: 'x',
        GITHUB_APP_PRIVATE_KEY: 'hunter2',
      },
      'node',
    );
    expect(r.problems.length).toBeGreaterThanOrEqual(4);
    expect(r.problems.join('\n')).not.toMatch(/ghp_supersecret|hunter2/);
  });

  it('names the ConfigMap the configuration came from', () => {
    const r = parseGitOpsEnv(
      anEnv({
        GITOPS_CONFIG: 'cluster: dev',
        GITOPS_CONFIG_FROM: 'ConfigMap ops/gitops config.yaml',
      }),
      'node',
    );
    expect(r.problems).toContain(
      'ConfigMap ops/gitops config.yaml: `sources` must be a non-empty list',
    );
  });

  it('GITOPS_CONFIGMAP: resolved at start-up on Node, refused on Workers', () => {
    expect(
      parseGitOpsEnv(
        { GITOPS_CONFIGMAP: 'ops/gitops', GITHUB_TOKEN: 'x', GITHUB_WEBHOOK_SECRET: 's' },
        'workers',
      ).problems[0],
    ).toContain('read by the Node runtime only');
    expect(
      parseGitOpsEnv(
        { GITOPS_CONFIGMAP: 'ops/gitops', GITHUB_TOKEN: 'x', GITHUB_WEBHOOK_SECRET: 's' },
        'node',
      ).problems[0],
    ).toContain('was not read');
  });
});
