import { describe, expect, it } from 'vitest';
import { planFleet } from '../../../src/runtime/node/fleet-env.js';
import { readDevEnv } from '../../../src/runtime/node/read-dev-env.js';

// `npm start`'s environment with FLEET (issue 21 §7), read as npm start reads it.
const OWN = '/checkout/.rollouts/kubeconfig';
const read = (env: Record<string, string>) => readDevEnv(env, OWN, () => undefined);

describe('FLEET: how many local clusters npm start starts', () => {
  it.each([
    [{}, undefined],
    [{ FLEET: '' }, undefined],
    [{ FLEET: '1' }, 1],
    [{ FLEET: ' 3 ' }, 3],
    [{ FLEET: '5' }, 5],
    // A shell still exporting npm start's own kubeconfig means "start them again".
    [{ FLEET: '2', KUBECONFIG: OWN }, 2],
    [{ FLEET: '2', CLUSTER: 'real' }, 2],
  ])('%j → %s clusters', (env, size) => {
    const { settings, problems } = read(env);
    expect(problems).toEqual([]);
    expect(settings.fleetSize).toBe(size);
  });

  it.each([
    [{ FLEET: '0' }, 'FLEET must be a whole number of clusters from 1 to 5', undefined],
    [{ FLEET: '6' }, 'FLEET must be a whole number of clusters from 1 to 5', undefined],
    [{ FLEET: 'three' }, 'FLEET must be a whole number of clusters from 1 to 5', undefined],
    [{ FLEET: '2.5' }, 'FLEET must be a whole number of clusters from 1 to 5', undefined],
    [{ FLEET: '-1' }, 'FLEET must be a whole number of clusters from 1 to 5', undefined],
    [{ FLEET: '3', KUBE_PORT: '65534' }, 'FLEET=3 needs KUBE_PORT to KUBE_PORT+2: past port', 3],
    [{ FLEET: '3', PORT: '65535' }, 'FLEET=3 needs PORT to PORT+2: past port 65535', 3],
    [
      { FLEET: '3', KUBE_PORT: '8078', PORT: '8080' },
      'FLEET=3: KUBE_PORT…+2 and PORT…+2 overlap',
      3,
    ],
    [{ FLEET: '2', KUBECONFIG: '/elsewhere/config' }, 'FLEET starts its own clusters', 2],
    [
      { FLEET: '2', GITOPS_CONFIG: 'sources: []' },
      'FLEET takes its GitOps source from DEVGITHUB=on',
      2,
    ],
    [{ FLEET: '2', FLEET_SOAK: 'soon' }, 'FLEET_SOAK must be a non-negative duration', 2],
    [{ FLEET: '2', FLEET_POLL: '0s' }, 'FLEET_POLL must be a positive duration', 2],
    [
      { FLEET: '2', FLEET_CONFIG: 'windows: [{kind: deny}]' },
      'FLEET_CONFIG.windows[0].schedule must be a 5-field cron schedule',
      2,
    ],
    [{ FLEET: '2', FLEET_CONFIG: 'clusters: []' }, 'FLEET_CONFIG: unknown field `clusters`', 2],
    [
      {
        FLEET: '2',
        FLEET_CONFIG:
          'freezes: [{from: 2026-12-20T00:00:00Z, until: 2027-01-04T00:00:00Z, reason: x, clusters: [fleet-3]}]',
      },
      '"fleet-3" is not a cluster of the fleet',
      2,
    ],
  ])('%j is a problem: %s', (env, problem, size) => {
    const { settings, problems } = read(env);
    expect(problems.join('\n')).toContain(problem);
    expect(settings.fleetSize).toBe(size);
  });

  it('DEVGITHUB=on with FLEET: the demo source goes out in waves, soaking FLEET_SOAK, polled every FLEET_POLL', () => {
    const { settings, problems } = read({
      FLEET: '3',
      DEVGITHUB: 'on',
      FLEET_SOAK: '90s',
      FLEET_POLL: '5s',
      FLEET_CONFIG:
        'windows: [{kind: deny, schedule: "0 18 * * 5", duration: 62h, timeZone: Europe/Berlin}]',
    });
    expect(problems).toEqual([]);
    expect(settings.fleetReleases).toEqual({
      soakSeconds: 90,
      pollMs: 5000,
      gates: {
        windows: [
          {
            kind: 'deny',
            schedule: '0 18 * * 5',
            durationMs: 62 * 3600_000,
            timeZone: 'Europe/Berlin',
          },
        ],
        freezes: [],
      },
    });
  });

  it('FLEET_CONFIG, FLEET_SOAK and FLEET_POLL without FLEET are problems', () => {
    const { problems } = read({ FLEET_SOAK: '1m', FLEET_CONFIG: '{}' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'FLEET_SOAK is read only with FLEET=<n>',
        'FLEET_CONFIG is read only with FLEET=<n>',
      ]),
    );
  });

  it('is listed with the other problems, not instead of them', () => {
    const { problems } = read({ FLEET: 'many', PORT: 'x', CONTROLLER: 'maybe' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'FLEET must be a whole number of clusters from 1 to 5',
        'PORT must be a port number (0-65535)',
        'CONTROLLER must be "on" or "off"',
      ]),
    );
  });

  it('ports next to each other do not overlap when the ranges only touch', () => {
    expect(read({ FLEET: '3', KUBE_PORT: '8077', PORT: '8080' }).problems).toEqual([]);
  });
});

describe('planFleet', () => {
  it('names fleet-1 … fleet-n on consecutive ports from KUBE_PORT and PORT', () => {
    expect(planFleet(3, { kubePort: 6443, port: 8080 })).toEqual([
      { name: 'fleet-1', kubePort: 6443, port: 8080 },
      { name: 'fleet-2', kubePort: 6444, port: 8081 },
      { name: 'fleet-3', kubePort: 6445, port: 8082 },
    ]);
  });

  it('0 stays 0 for every member: each takes a free port of its own', () => {
    expect(planFleet(2, { kubePort: 0, port: 0 }).map((m) => [m.kubePort, m.port])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});
