import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startWorld, type World } from './support.js';

const APP_ID = 4242;
const INSTALLATION = 77;

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** An RS256 JWT signed by hand, as the GitHub docs describe. */
function aJwt(
  key: KeyObject,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const data = `${b64url(header)}.${b64url(claims)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

describe('devgithub GitHub App authentication', () => {
  let keys: { privateKey: KeyObject; publicKey: KeyObject };
  let other: KeyObject;
  let w: World;
  let now = Date.parse('2026-01-01T00:00:00Z');
  const secs = () => Math.floor(now / 1000);
  beforeAll(() => {
    keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  });
  afterEach(() => w.close());

  const start = async (clock?: () => number) => {
    w = await startWorld({
      token: null,
      app: {
        id: APP_ID,
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        installationId: INSTALLATION,
      },
      ...(clock ? { now: clock } : {}),
    });
  };
  const asApp = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

  it('exchanges a valid JWT for an installation token that works until it expires', async () => {
    now = Date.parse('2026-01-01T00:00:00Z');
    await start(() => now);
    w.gh.createRepo('acme/secret', { private: true });
    const sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    const jwt = aJwt(keys.privateKey, { iat: secs() - 30, exp: secs() + 540, iss: String(APP_ID) });
    const installation = await w.api('GET', `/repos/${REPO}/installation`, undefined, asApp(jwt));
    expect(installation.status).toBe(200);
    expect(installation.body).toMatchObject({
      id: INSTALLATION,
      app_id: APP_ID,
      account: { login: 'acme' },
      repository_selection: 'all',
    });
    const issued = await w.api(
      'POST',
      `/app/installations/${INSTALLATION}/access_tokens`,
      undefined,
      asApp(jwt),
    );
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      expires_at: new Date(now + 3600_000).toISOString().replace('.000Z', 'Z'),
      repository_selection: 'all',
      permissions: { deployments: 'write', statuses: 'write' },
    });
    expect(issued.body.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    const token = { authorization: `token ${issued.body.token}` };
    expect((await w.api('GET', '/repos/acme/secret', undefined, token)).status).toBe(200);
    const d = await w.api('POST', `/repos/${REPO}/deployments`, { ref: sha }, token);
    expect(d.body.creator).toMatchObject({ login: 'devgithub-app[bot]', type: 'Bot' });
    now += 3600_000;
    expect((await w.api('GET', `/repos/${REPO}`, undefined, token)).body.message).toBe(
      'Bad credentials',
    );
  });

  it.each([
    {
      name: 'signed by another key',
      claims: () => ({ iat: secs(), exp: secs() + 300, iss: APP_ID }),
      key: 'other',
      message: 'A JSON web token could not be decoded',
    },
    {
      name: 'another app id',
      claims: () => ({ iat: secs(), exp: secs() + 300, iss: APP_ID + 1 }),
      message: 'A JSON web token could not be decoded',
    },
    {
      name: 'no issuer',
      claims: () => ({ iat: secs(), exp: secs() + 300 }),
      message: "Missing 'issuer' claim ('iss') in assertion",
    },
    {
      name: 'a client-id issuer',
      claims: () => ({ iat: secs(), exp: secs() + 300, iss: 'Iv1.abc' }),
      message: "'Issuer' claim ('iss') must be an Integer",
    },
    {
      name: 'expired',
      claims: () => ({ iat: secs() - 700, exp: secs() - 100, iss: APP_ID }),
      message:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    },
    {
      name: 'living over 10 minutes',
      claims: () => ({ iat: secs(), exp: secs() + 601, iss: APP_ID }),
      message: "'Expiration time' claim ('exp') is too far in the future",
    },
    {
      name: 'issued in the future',
      claims: () => ({ iat: secs() + 120, exp: secs() + 300, iss: APP_ID }),
      message:
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    },
    {
      name: 'HS256',
      claims: () => ({ iat: secs(), exp: secs() + 300, iss: APP_ID }),
      header: { alg: 'HS256' },
      message: 'A JSON web token could not be decoded',
    },
  ])('refuses a JWT $name with 401', async ({ claims, key, header, message }) => {
    now = Date.parse('2026-01-01T00:00:00Z');
    await start(() => now);
    const jwt = aJwt(key === 'other' ? other : keys.privateKey, claims(), header);
    const r = await w.api(
      'POST',
      `/app/installations/${INSTALLATION}/access_tokens`,
      undefined,
      asApp(jwt),
    );
    expect({ status: r.status, message: r.body.message }).toEqual({ status: 401, message });
  });

  it('tolerates 60 s of clock skew', async () => {
    now = Date.parse('2026-01-01T00:00:00Z');
    await start(() => now);
    const jwt = aJwt(keys.privateKey, { iat: secs() + 50, exp: secs() + 600, iss: APP_ID });
    expect(
      (
        await w.api(
          'POST',
          `/app/installations/${INSTALLATION}/access_tokens`,
          undefined,
          asApp(jwt),
        )
      ).status,
    ).toBe(201);
  });

  it('accepts only JWTs on app endpoints, and JWTs nowhere else for writes', async () => {
    now = Date.parse('2026-01-01T00:00:00Z');
    await start(() => now);
    const pat = await w.api('POST', `/app/installations/${INSTALLATION}/access_tokens`, undefined, {
      authorization: 'token dev-token',
    });
    expect([pat.status, pat.body.message]).toEqual([401, 'A JSON web token could not be decoded']);
    const jwt = aJwt(keys.privateKey, { iat: secs(), exp: secs() + 300, iss: APP_ID });
    expect(
      (await w.api('POST', '/app/installations/999/access_tokens', undefined, asApp(jwt))).status,
    ).toBe(404);
    const write = await w.api('POST', `/repos/${REPO}/deployments`, { ref: 'main' }, asApp(jwt));
    expect([write.status, write.body.message]).toEqual([
      403,
      'Resource not accessible by integration',
    ]);
  });

  it('narrows a token to the repositories asked for', async () => {
    now = Date.parse('2026-01-01T00:00:00Z');
    await start(() => now);
    w.gh.createRepo('acme/secret', { private: true });
    const jwt = aJwt(keys.privateKey, { iat: secs(), exp: secs() + 300, iss: APP_ID });
    const issued = await w.api(
      'POST',
      `/app/installations/${INSTALLATION}/access_tokens`,
      { repositories: ['deploy'] },
      asApp(jwt),
    );
    expect(issued.body.repository_selection).toBe('selected');
    const token = { authorization: `token ${issued.body.token}` };
    expect((await w.api('GET', `/repos/${REPO}`, undefined, token)).status).toBe(200);
    expect((await w.api('GET', '/repos/acme/secret', undefined, token)).status).toBe(404);
    expect(
      (
        await w.api(
          'POST',
          `/app/installations/${INSTALLATION}/access_tokens`,
          { repositories: ['nope'] },
          asApp(jwt),
        )
      ).status,
    ).toBe(422);
  });

  it('works with @octokit/auth-app end to end', async () => {
    await start();
    const sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const octokit = new Octokit({
      baseUrl: w.gh.url,
      authStrategy: createAppAuth,
      auth: { appId: APP_ID, privateKey, installationId: INSTALLATION },
    });
    const { data } = await octokit.repos.createCommitStatus({
      owner: 'acme',
      repo: 'deploy',
      sha,
      state: 'success',
      context: 'rollouts',
    });
    expect(data.creator).toMatchObject({ login: 'devgithub-app[bot]' });
    const app = new Octokit({
      baseUrl: w.gh.url,
      authStrategy: createAppAuth,
      auth: { appId: APP_ID, privateKey },
    });
    const inst = await app.apps.getRepoInstallation({ owner: 'acme', repo: 'deploy' });
    expect(inst.data.id).toBe(INSTALLATION);
  });
});
