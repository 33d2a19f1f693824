import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/devcluster/api/object-meta.js';
import { SIM } from '../../../src/devcluster/index.js';
import { plannedExit } from '../../../src/devcluster/simulator/conventions.js';
import { type Harness, startHarness } from '../harness.js';

const START = Date.parse('2026-01-01T00:00:10Z'); // an even second

function aJobPod(
  containers: Array<Record<string, unknown>>,
  annotations: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'flip-abcde',
      namespace: 'default',
      annotations,
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'Job', name: 'flip', uid: 'u', controller: true },
      ],
    },
    spec: {
      restartPolicy: 'Never',
      containers: containers.map((c, i) => ({ name: `c${i}`, image: 'busybox:1.36', ...c })),
    },
  };
}
const sh = (script: string, extra: Record<string, unknown> = {}) => ({
  command: ['/bin/sh', '-c'],
  args: [script],
  ...extra,
});

describe('plannedExit: what a Job pod exits with', () => {
  it.each([
    ['a literal exit', [sh('exit 3')], {}, { exitCode: 3, runSeconds: 1 }],
    ['a shell-computed exit', [sh('exit $(( 10 % 4 ))')], {}, { exitCode: 2, runSeconds: 1 }],
    ['a test that fails', [sh('test 1 -eq 2')], {}, { exitCode: 1, runSeconds: 1 }],
    [
      'an echo and a test that passes',
      [sh('echo checking && [ "$MODE" = ok ]', { env: [{ name: 'MODE', value: 'ok' }] })],
      {},
      { exitCode: 0, runSeconds: 1 },
    ],
    [
      'Kubernetes $(VAR) expansion in args',
      [sh('exit $(CODE)', { env: [{ name: 'CODE', value: '4' }] })],
      {},
      { exitCode: 4, runSeconds: 1 },
    ],
    [
      'sleeps adding up to the run time',
      [sh('sleep 2 && sleep 3; exit 0')],
      {},
      { exitCode: 0, runSeconds: 5 },
    ],
    [
      'bash -ec stopping at the first failure',
      [{ command: ['bash', '-ec', 'false; exit 0'] }],
      {},
      { exitCode: 1, runSeconds: 1 },
    ],
    ['a direct command', [{ command: ['false'] }], {}, { exitCode: 1, runSeconds: 1 }],
    ['a direct sleep', [{ command: ['sleep', '7'] }], {}, { exitCode: 0, runSeconds: 7 }],
    [
      'the first failing container of several',
      [sh('exit 0'), sh('sleep 4; exit 5')],
      {},
      { exitCode: 5, runSeconds: 4 },
    ],
    [
      'the coin flip at an even second',
      [sh('test $(( $(date +%s) % 2 )) -eq 0')],
      {},
      { exitCode: 0, runSeconds: 1 },
    ],
    [
      'annotations over the command',
      [sh('exit 0')],
      { [SIM.exitCode]: '9', [SIM.runSeconds]: '30' },
      { exitCode: 9, runSeconds: 30 },
    ],
    // Undecidable: the command-text convention, as before.
    [
      'an undecidable script with exit N in it',
      [sh('curl -sf http://svc || exit 3')],
      {},
      { exitCode: 3, runSeconds: 1 },
    ],
    ['an undecidable variable', [sh('exit $FLIP')], {}, { exitCode: 0, runSeconds: 1 }],
    [
      'a valueFrom variable',
      [
        sh('exit $(CODE)', {
          env: [{ name: 'CODE', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
        }),
      ],
      {},
      { exitCode: 0, runSeconds: 1 },
    ],
    ['the image entrypoint', [{}], {}, { exitCode: 0, runSeconds: 1 }],
  ])('%s', (_what, containers, annotations, expected) => {
    expect(plannedExit(aJobPod(containers, annotations), START)).toEqual(expected);
  });

  it('flips $RANDOM coins by Job name: the same Job always lands the same way, different Jobs differ', () => {
    const flip = (job: string) => {
      const pod = aJobPod([sh('exit $(( RANDOM % 2 ))')]);
      pod.metadata.ownerReferences = [
        { apiVersion: 'batch/v1', kind: 'Job', name: job, uid: 'u', controller: true },
      ];
      return plannedExit(pod, START).exitCode;
    };
    const names = Array.from({ length: 16 }, (_, i) => `run-uid.coin-flip.${i + 1}`);
    expect(names.map(flip)).toEqual(names.map(flip));
    expect(new Set(names.map(flip))).toEqual(new Set([0, 1]));
  });
});

describe('the job-coin-flip fixture on the devcluster', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const fixture = parseAllDocuments(
    readFileSync(
      new URL('../../fixtures/manifests/analysis-templates.yaml', import.meta.url),
      'utf8',
    ),
  )
    .map(
      (d) =>
        d.toJS() as {
          metadata: { name: string };
          spec: { metrics: Array<{ provider: { job: { spec: Record<string, unknown> } } }> };
        },
    )
    .find((t) => t.metadata.name === 'job-coin-flip');

  /** Creates the fixture's Job so that its container starts at an even or odd second. */
  async function flipStartingAt(parity: 0 | 1, name: string): Promise<string> {
    const jobSpec = fixture?.spec.metrics[0]?.provider.job.spec ?? {};
    // The pod runs one second (POD_READY_SECONDS) after it is created.
    const startSecond = Math.floor(h.clock.now() / 1000) + 1;
    if (startSecond % 2 !== parity) await h.advance(1000);
    await h.req('POST', '/apis/batch/v1/namespaces/default/jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: jobSpec,
    });
    await h.advance(4000);
    const job = (await h.req('GET', `/apis/batch/v1/namespaces/default/jobs/${name}`)).body;
    return job.status.conditions?.[0]?.type as string;
  }

  it('passes when its container starts at an even second and fails at an odd one, as sh would', async () => {
    expect(fixture).toBeDefined();
    expect(await flipStartingAt(0, 'heads')).toBe('Complete');
    expect(await flipStartingAt(1, 'tails')).toBe('Failed');
  });
});
