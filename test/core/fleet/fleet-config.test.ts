import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findWaveProblems, parseFleetConfig } from '../../../src/core/fleet/index.js';
import { parseGitOpsConfig } from '../../../src/core/gitops/config.js';
import type { FleetConfig } from '../../../src/domain/fleet.js';

/** A valid two-cluster fleet; `cluster` overrides fields of the first cluster, `top` of the document. */
function aFleet(
  cluster: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    clusters: [
      {
        name: 'staging',
        server: 'https://staging.example.com:6443',
        token: { env: 'STAGING_TOKEN' },
        ...cluster,
      },
      { name: 'prod-eu', server: 'https://eu.example.com', token: { env: 'EU_TOKEN' } },
    ],
    ...top,
  };
}

function fleetOf(raw: unknown): FleetConfig {
  const r = parseFleetConfig(raw);
  if ('problems' in r) throw new Error(`unexpected problems: ${r.problems.join('; ')}`);
  return r.fleet;
}

function problemsOf(raw: unknown): string[] {
  const r = parseFleetConfig(raw);
  return 'problems' in r ? r.problems : [];
}

describe('parseFleetConfig: a good configuration', () => {
  it('reads every form of credentials, windows and freezes from the documented YAML', () => {
    const fleet = fleetOf(
      parseYaml(`
home: staging
clusters:
  - name: staging
    server: https://staging.example.com:6443/
    token: {env: STAGING_TOKEN}
    caData: {env: STAGING_CA}
  - name: prod-eu
    server: https://eu.example.com:6443
    clientCertificate: {env: EU_CERT}
    clientKey: {env: EU_KEY}
  - name: prod-us
    server: https://k8s-us.example.com
    headers:
      CF-Access-Client-Id: {env: US_ACCESS_ID}
      CF-Access-Client-Secret: {env: US_ACCESS_SECRET}
windows:
  - kind: deny
    schedule: '0 18 * * fri'
    duration: 63h
    timeZone: Europe/Berlin
    clusters: [prod-eu]
  - kind: allow
    schedule: '0 9 * * mon-fri'
    duration: 8h
    namespaces: [shop]
freezes:
  - from: 2026-12-20T00:00:00Z
    until: 2027-01-04T00:00:00+01:00
    reason: ' year-end freeze '
`),
    );
    expect(fleet).toEqual({
      home: 'staging',
      clusters: [
        {
          name: 'staging',
          server: 'https://staging.example.com:6443',
          auth: { kind: 'token', token: { env: 'STAGING_TOKEN' } },
          caData: { env: 'STAGING_CA' },
        },
        {
          name: 'prod-eu',
          server: 'https://eu.example.com:6443',
          auth: {
            kind: 'clientCertificate',
            certificate: { env: 'EU_CERT' },
            key: { env: 'EU_KEY' },
          },
        },
        {
          name: 'prod-us',
          server: 'https://k8s-us.example.com',
          auth: {
            kind: 'headers',
            headers: {
              'CF-Access-Client-Id': { env: 'US_ACCESS_ID' },
              'CF-Access-Client-Secret': { env: 'US_ACCESS_SECRET' },
            },
          },
        },
      ],
      windows: [
        {
          kind: 'deny',
          schedule: '0 18 * * fri',
          durationMs: 63 * 3600_000,
          timeZone: 'Europe/Berlin',
          clusters: ['prod-eu'],
        },
        {
          kind: 'allow',
          schedule: '0 9 * * mon-fri',
          durationMs: 8 * 3600_000,
          timeZone: 'UTC',
          namespaces: ['shop'],
        },
      ],
      freezes: [
        {
          fromMs: Date.parse('2026-12-20T00:00:00Z'),
          untilMs: Date.parse('2027-01-03T23:00:00Z'),
          reason: 'year-end freeze',
        },
      ],
    });
  });

  it('accepts plain http only on loopback (the local fleet)', () => {
    expect(fleetOf(aFleet({ server: 'http://127.0.0.1:8001' })).clusters[0]?.server).toBe(
      'http://127.0.0.1:8001',
    );
    expect(problemsOf(aFleet({ server: 'http://staging.example.com' }))).toEqual([
      'clusters[0].server must be an https URL (http only on loopback)',
    ]);
  });
});

describe('parseFleetConfig: every problem, with its path', () => {
  it.each([
    ['not an object', 'clusters: x', ['fleet must be an object']],
    ['no clusters', {}, ['clusters is required']],
    ['an empty list', { clusters: [] }, ['clusters must not be empty']],
    [
      'an unknown top field',
      aFleet({}, { cluster: 'x' }),
      ['fleet: unknown field `cluster` (known: home, clusters, windows, freezes)'],
    ],
    [
      'a name that is no DNS label',
      aFleet({ name: 'Prod_EU' }),
      ['clusters[0].name must be a DNS label (lower-case letters, digits, "-")'],
    ],
    [
      'a duplicate name',
      aFleet({ name: 'prod-eu' }),
      ['clusters: two clusters are named "prod-eu"'],
    ],
    [
      'no credentials',
      aFleet({ token: undefined }),
      ['clusters[0] needs exactly one of token, clientCertificate with clientKey, or headers'],
    ],
    [
      'two kinds of credentials',
      aFleet({ clientCertificate: { env: 'C' }, clientKey: { env: 'K' } }),
      [
        'clusters[0] needs exactly one of token, clientCertificate with clientKey, or headers (has token, clientCertificate)',
      ],
    ],
    [
      'a certificate without its key',
      aFleet({ token: undefined, clientCertificate: { env: 'C' } }),
      ['clusters[0].clientKey is required with clientCertificate'],
    ],
    [
      'a bad env name',
      aFleet({ token: { env: 'not-a-var' } }),
      ['clusters[0].token.env must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)'],
    ],
    [
      'headers that are not a map',
      aFleet({ token: undefined, headers: [] }),
      ['clusters[0].headers must map header names to {env: VARIABLE}'],
    ],
    [
      'home that is not a cluster',
      aFleet({}, { home: 'nowhere' }),
      ['home must name one of the clusters'],
    ],
    [
      'a server with credentials in it',
      aFleet({ server: 'https://u:p@x.example.com' }),
      ['clusters[0].server must be an https URL (http only on loopback)'],
    ],
  ])('%s', (_what, raw, problems) => {
    expect(problemsOf(raw)).toEqual(problems);
  });

  it('never repeats an inline secret, wherever it was pasted', () => {
    const secret = 'eyJhbGciOiJSUzI1NiJ9.s3cr3t-value';
    const problems = problemsOf(
      aFleet({
        token: secret,
        caData: { env: secret },
      }),
    ).concat(problemsOf(aFleet({ token: undefined, headers: { [secret]: secret } })));
    expect(problems).toEqual([
      'clusters[0].token must be {env: VARIABLE} naming where the secret is; inline secrets are not accepted',
      'clusters[0].caData.env must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)',
      'clusters[0].headers[0] must be {env: VARIABLE} naming where the secret is; inline secrets are not accepted',
    ]);
    expect(problems.join('\n')).not.toContain('s3cr3t');
    expect(problemsOf(aFleet({ token: undefined, headers: { 'bad name': { env: 'X' } } }))).toEqual(
      ['clusters[0].headers[0]: the name is not a valid header name'],
    );
  });

  it.each([
    ['a bad kind', { kind: 'maybe' }, ['windows[0].kind must be allow or deny']],
    [
      'a bad cron',
      { schedule: '0 25 * * *' },
      ['windows[0].schedule: "0 25 * * *": hour 25 is outside 0-23'],
    ],
    [
      'a four-field cron',
      { schedule: '0 9 * *' },
      ['windows[0].schedule: "0 9 * *" must have 5 fields (minute hour day month weekday)'],
    ],
    [
      'a bad duration',
      { duration: '2 hours' },
      ['windows[0].duration must be a positive duration such as 30m or 2h'],
    ],
    [
      'a zero duration',
      { duration: '0s' },
      ['windows[0].duration must be a positive duration such as 30m or 2h'],
    ],
    [
      'an unknown zone',
      { timeZone: 'Mars/Olympus' },
      ['windows[0].timeZone must be an IANA time zone such as Europe/Berlin'],
    ],
    [
      'a cluster in no fleet',
      { clusters: ['prod-us'] },
      ['windows[0].clusters: "prod-us" is not a cluster of the fleet'],
    ],
    [
      'an empty namespace list',
      { namespaces: [] },
      ['windows[0].namespaces must be a non-empty list of names'],
    ],
  ])('a window with %s', (_what, override, problems) => {
    const window = { kind: 'deny', schedule: '0 18 * * 5', duration: '2h', ...override };
    expect(problemsOf(aFleet({}, { windows: [window] }))).toEqual(problems);
  });

  it.each([
    [
      'a date without a zone',
      { from: '2026-12-20T00:00:00' },
      ['freezes[0].from must be an RFC 3339 time with a zone, such as 2026-12-20T00:00:00Z'],
    ],
    [
      'an end before its start',
      { until: '2026-12-19T00:00:00Z' },
      ['freezes[0].until must be after from'],
    ],
    [
      'no reason',
      { reason: ' ' },
      ['freezes[0].reason must say why (it is shown on every held release)'],
    ],
  ])('a freeze with %s', (_what, override, problems) => {
    const freeze = {
      from: '2026-12-20T00:00:00Z',
      until: '2027-01-04T00:00:00Z',
      reason: 'year end',
      ...override,
    };
    expect(problemsOf(aFleet({}, { freezes: [freeze] }))).toEqual(problems);
  });

  it('lists every problem of a broken document at once', () => {
    expect(
      problemsOf({
        clusters: [{ name: 'A', server: 'ftp://x' }],
        windows: [{ kind: 'deny', schedule: '* * *', duration: 'x' }],
      }),
    ).toEqual([
      'clusters[0].name must be a DNS label (lower-case letters, digits, "-")',
      'clusters[0].server must be an https URL (http only on loopback)',
      'clusters[0] needs exactly one of token, clientCertificate with clientKey, or headers',
      'windows[0].schedule: "* * *" must have 5 fields (minute hour day month weekday)',
      'windows[0].duration must be a positive duration such as 30m or 2h',
    ]);
  });
});

describe('waves in a GitOps source', () => {
  const source = (extra: Record<string, unknown>) => ({
    cluster: 'fleet',
    sources: [{ repo: 'acme/shop-deploy', namespace: 'shop', ...extra }],
  });

  it('reads waves with soak and lockstep, halt by default', () => {
    const r = parseGitOpsConfig(
      source({
        waves: [
          { clusters: ['staging'] },
          { clusters: ['prod-eu'], soak: '30m' },
          { clusters: ['prod-us', 'prod-ap'], lockstep: true },
        ],
      }),
    );
    expect('config' in r && r.config.sources[0]).toMatchObject({
      waves: [
        { clusters: ['staging'], soakSeconds: 0, lockstep: false },
        { clusters: ['prod-eu'], soakSeconds: 1800, lockstep: false },
        { clusters: ['prod-us', 'prod-ap'], soakSeconds: 0, lockstep: true },
      ],
      onFailure: 'halt',
    });
  });

  it('a source without waves is the one-cluster source it was', () => {
    const r = parseGitOpsConfig(source({}));
    expect('config' in r && Object.keys(r.config.sources[0] ?? {})).not.toContain('waves');
  });

  it.each([
    [
      'an empty wave',
      { waves: [{ clusters: [] }] },
      ['sources[0].waves[0].clusters is empty: a wave names at least one cluster'],
    ],
    ['no waves at all', { waves: [] }, ['sources[0].waves must list at least one wave']],
    [
      'a cluster twice',
      { waves: [{ clusters: ['staging'] }, { clusters: ['prod-eu', 'staging'] }] },
      ['sources[0].waves[1].clusters: "staging" is named twice in this source\'s waves'],
    ],
    [
      'a bad soak',
      { waves: [{ clusters: ['staging'], soak: '30 minutes' }] },
      ['sources[0].waves[0].soak must be a non-negative duration such as 30m or 2h'],
    ],
    [
      'a negative soak',
      { waves: [{ clusters: ['staging'], soak: '-1m' }] },
      ['sources[0].waves[0].soak must be a non-negative duration such as 30m or 2h'],
    ],
    [
      'a bad onFailure',
      { waves: [{ clusters: ['staging'] }], onFailure: 'panic' },
      ['sources[0].onFailure must be halt or abortAll'],
    ],
    ['onFailure without waves', { onFailure: 'abortAll' }, ['sources[0].onFailure needs waves']],
    [
      'lockstep that is no boolean',
      { waves: [{ clusters: ['a'], lockstep: 'yes' }] },
      ['sources[0].waves[0].lockstep must be true or false'],
    ],
    [
      'an unknown wave field',
      { waves: [{ clusters: ['a'], cluster: 'b' }] },
      ['sources[0].waves[0]: unknown field `cluster` (known: clusters, soak, lockstep)'],
    ],
  ])('%s is a problem', (_what, extra, problems) => {
    const r = parseGitOpsConfig(source(extra));
    expect('problems' in r && r.problems).toEqual(problems);
  });

  it('a cluster in no fleet, or waves with no fleet, are problems once both are parsed', () => {
    const fleet = fleetOf(aFleet());
    const r = parseGitOpsConfig(
      source({ waves: [{ clusters: ['staging'] }, { clusters: ['prod-eu', 'prod-us'] }] }),
    );
    if (!('config' in r)) throw new Error(r.problems.join('; '));
    expect(findWaveProblems(r.config.sources, fleet)).toEqual([
      'source "shop-deploy-main" waves[1]: "prod-us" is not a cluster of the fleet',
    ]);
    expect(findWaveProblems(r.config.sources, undefined)).toEqual([
      'source "shop-deploy-main" has waves but no fleet is configured',
    ]);
  });
});
