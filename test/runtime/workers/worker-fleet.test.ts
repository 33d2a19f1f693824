import { describe, expect, it } from 'vitest';
import { parseWorkerFleet } from '../../../src/runtime/workers/worker-fleet.js';

/**
 * FLEET_CONFIG as a Worker's bindings give it (issue 21 §1, "works on Workers"): secrets are other
 * bindings; clusters are reached by fetch with a bearer token or Cloudflare Access headers, and
 * what a Worker's fetch cannot do (client certificates, private CAs) is a problem with its remedy.
 */
const GITOPS = (waves: unknown[]) =>
  JSON.stringify({
    cluster: 'workers',
    sources: [{ name: 'shop', repo: 'acme/shop', path: 'k8s', namespace: 'shop', waves }],
  });
const fleetConfig = (clusters: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ clusters, ...extra });

describe('parseWorkerFleet', () => {
  it('a token and Access headers from the bindings they name; home and gates kept', () => {
    const { fleet, problems } = parseWorkerFleet({
      FLEET_CONFIG: fleetConfig(
        [
          { name: 'eu', server: 'https://eu.example', token: { env: 'EU_TOKEN' } },
          {
            name: 'us',
            server: 'https://k8s-us.example',
            headers: {
              'CF-Access-Client-Id': { env: 'US_ID' },
              'CF-Access-Client-Secret': { env: 'US_SECRET' },
            },
          },
        ],
        {
          home: 'eu',
          freezes: [
            { from: '2026-12-24T00:00:00Z', until: '2026-12-27T00:00:00Z', reason: 'holidays' },
          ],
        },
      ),
      FLEET_POLL: '5s',
      GITOPS_CONFIG: GITOPS([{ clusters: ['eu'] }, { clusters: ['us'] }]),
      ...({ EU_TOKEN: 'eu-token', US_ID: 'id.access', US_SECRET: 'access-secret' } as object),
    });
    expect(problems).toEqual([]);
    expect(fleet?.clusters).toEqual([
      { name: 'eu', server: 'https://eu.example', headers: { authorization: 'Bearer eu-token' } },
      {
        name: 'us',
        server: 'https://k8s-us.example',
        headers: { 'CF-Access-Client-Id': 'id.access', 'CF-Access-Client-Secret': 'access-secret' },
      },
    ]);
    expect(fleet?.settings.config.home).toBe('eu');
    expect(fleet?.settings.config.freezes).toHaveLength(1);
    expect(fleet?.settings.pollMs).toBe(5000);
  });

  it('client certificates and caData are problems that say what to use instead', () => {
    const { fleet, problems } = parseWorkerFleet({
      FLEET_CONFIG: fleetConfig([
        {
          name: 'eu',
          server: 'https://eu.example',
          clientCertificate: { env: 'EU_CERT' },
          clientKey: { env: 'EU_KEY' },
        },
        {
          name: 'us',
          server: 'https://us.example',
          token: { env: 'US_TOKEN' },
          caData: { env: 'US_CA' },
        },
      ]),
      GITOPS_CONFIG: GITOPS([{ clusters: ['eu', 'us'] }]),
      ...({ EU_CERT: 'cert', EU_KEY: 'key', US_TOKEN: 't', US_CA: 'ca' } as object),
    });
    expect(fleet).toBeUndefined();
    expect(problems).toEqual([
      'FLEET_CONFIG cluster "eu": client certificates need an mTLS binding on Workers; use token or headers (Cloudflare Access)',
      'FLEET_CONFIG cluster "us": caData is not supported on Workers (fetch trusts public CAs only); serve the API through a Cloudflare Tunnel',
    ]);
  });

  it.each([
    [
      'a binding a reference names is missing',
      {
        FLEET_CONFIG: fleetConfig([
          { name: 'eu', server: 'https://eu.example', token: { env: 'EU_TOKEN' } },
        ]),
        GITOPS_CONFIG: GITOPS([{ clusters: ['eu'] }]),
      },
      ['FLEET_CONFIG cluster "eu": token names EU_TOKEN, which is not set (or empty)'],
    ],
    [
      'waves without FLEET_CONFIG',
      { GITOPS_CONFIG: GITOPS([{ clusters: ['eu'] }]) },
      ['GITOPS_CONFIG: source "shop" has waves but no fleet is configured (set FLEET_CONFIG)'],
    ],
    [
      'waves naming a cluster not in the fleet',
      {
        FLEET_CONFIG: fleetConfig([
          { name: 'eu', server: 'https://eu.example', token: { env: 'EU_TOKEN' } },
        ]),
        EU_TOKEN: 'x',
        GITOPS_CONFIG: GITOPS([{ clusters: ['eu'] }, { clusters: ['ap'] }]),
      },
      ['GITOPS_CONFIG: source "shop" waves[1]: "ap" is not a cluster of the fleet'],
    ],
    [
      'FLEET_CONFIG without GitOps',
      {
        FLEET_CONFIG: fleetConfig([
          { name: 'eu', server: 'https://eu.example', token: { env: 'EU_TOKEN' } },
        ]),
        EU_TOKEN: 'x',
      },
      ['FLEET_CONFIG is set but GitOps is not (GITOPS_CONFIG): nothing would start a release'],
    ],
    ['nothing configured', {}, []],
  ])('%s', (_what, bindings, expected) => {
    expect(parseWorkerFleet(bindings).problems).toEqual(expected);
  });
});
