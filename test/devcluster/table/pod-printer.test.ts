import { describe, expect, it } from 'vitest';
import { buildTable, tableDefFor } from '../../../src/devcluster/table/index.js';

type Json = Record<string, unknown>;
const now = new Date('2024-06-01T12:00:00Z');

const running = (ready = true, extra: Json = {}): Json => ({
  ready,
  restartCount: 0,
  state: { running: { startedAt: '2024-06-01T11:56:00Z' } },
  ...extra,
});
const waiting = (reason: string, extra: Json = {}): Json => ({
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (reason: string, exitCode = 0): Json => ({
  ready: false,
  restartCount: 0,
  state: { terminated: { reason, exitCode } },
});

function aPod(
  o: {
    phase?: string;
    containers?: number;
    statuses?: Json[];
    initContainers?: Json[];
    initStatuses?: Json[];
    conditions?: Json[];
    deletionTimestamp?: string;
    reason?: string;
    podIP?: string;
    nodeName?: string;
    readinessGates?: string[];
  } = {},
): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-0',
      namespace: 'default',
      creationTimestamp: '2024-06-01T11:55:00Z',
      ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp } : {}),
    },
    spec: {
      containers: Array.from({ length: o.containers ?? 1 }, (_, i) => ({
        name: `c${i}`,
        image: 'nginx',
      })),
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.readinessGates
        ? { readinessGates: o.readinessGates.map((conditionType) => ({ conditionType })) }
        : {}),
    },
    status: {
      phase: o.phase ?? 'Pending',
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.conditions ? { conditions: o.conditions } : {}),
      ...(o.statuses ? { containerStatuses: o.statuses } : {}),
      ...(o.initStatuses ? { initContainerStatuses: o.initStatuses } : {}),
      ...(o.podIP ? { podIP: o.podIP } : {}),
    },
  };
}

const row = (pod: Json) =>
  buildTable(tableDefFor('', 'Pod'), [pod], { now, includeObject: 'None', resourceVersion: '1' })
    .rows[0];

describe('pod READY / STATUS / RESTARTS', () => {
  it.each<[string, Json, string, string, string]>([
    ['pending, not yet scheduled', aPod(), '0/1', 'Pending', '0'],
    [
      'creating',
      aPod({ statuses: [waiting('ContainerCreating')] }),
      '0/1',
      'ContainerCreating',
      '0',
    ],
    ['running and ready', aPod({ phase: 'Running', statuses: [running()] }), '1/1', 'Running', '0'],
    [
      'one of two ready',
      aPod({ phase: 'Running', containers: 2, statuses: [running(), running(false)] }),
      '1/2',
      'Running',
      '0',
    ],
    [
      'image pull back-off',
      aPod({ statuses: [waiting('ImagePullBackOff')] }),
      '0/1',
      'ImagePullBackOff',
      '0',
    ],
    ['err image pull', aPod({ statuses: [waiting('ErrImagePull')] }), '0/1', 'ErrImagePull', '0'],
    [
      'crash loop with restarts',
      aPod({
        phase: 'Running',
        statuses: [
          waiting('CrashLoopBackOff', {
            restartCount: 3,
            lastState: { terminated: { exitCode: 1, finishedAt: '2024-06-01T11:59:00Z' } },
          }),
        ],
      }),
      '0/1',
      'CrashLoopBackOff',
      '3 (60s ago)',
    ],
    [
      'terminating',
      aPod({ phase: 'Running', statuses: [running()], deletionTimestamp: '2024-06-01T11:59:59Z' }),
      '1/1',
      'Terminating',
      '0',
    ],
    [
      'succeeded pods are not terminating',
      aPod({
        phase: 'Succeeded',
        statuses: [terminated('Completed')],
        deletionTimestamp: '2024-06-01T11:59:59Z',
      }),
      '0/1',
      'Completed',
      '0',
    ],
    [
      'succeeded',
      aPod({ phase: 'Succeeded', statuses: [terminated('Completed')] }),
      '0/1',
      'Completed',
      '0',
    ],
    ['succeeded, statuses gone', aPod({ phase: 'Succeeded' }), '0/1', 'Succeeded', '0'],
    ['failed', aPod({ phase: 'Failed', statuses: [terminated('Error', 2)] }), '0/1', 'Error', '0'],
    [
      'exit code without reason',
      aPod({ phase: 'Failed', statuses: [terminated('', 137)] }),
      '0/1',
      'ExitCode:137',
      '0',
    ],
    [
      'node lost',
      aPod({ phase: 'Running', reason: 'NodeLost', deletionTimestamp: '2024-06-01T11:59:59Z' }),
      '0/1',
      'Unknown',
      '0',
    ],
    ['evicted', aPod({ phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
    [
      'scheduling gated',
      aPod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      '0/1',
      'SchedulingGated',
      '0',
    ],
    [
      'init container pending',
      aPod({
        initContainers: [{ name: 'init' }],
        initStatuses: [waiting('PodInitializing')],
        statuses: [waiting('PodInitializing')],
      }),
      '0/1',
      'Init:0/1',
      '0',
    ],
    [
      'init container crash loop',
      aPod({
        initContainers: [{ name: 'init' }],
        initStatuses: [waiting('CrashLoopBackOff', { restartCount: 2 })],
      }),
      '0/1',
      'Init:CrashLoopBackOff',
      '2',
    ],
    [
      'init container done',
      aPod({
        phase: 'Running',
        initContainers: [{ name: 'init' }],
        initStatuses: [terminated('Completed')],
        statuses: [running()],
      }),
      '1/1',
      'Running',
      '0',
    ],
    [
      'sidecar counts as a container',
      aPod({
        phase: 'Running',
        initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
        initStatuses: [running(true, { name: 'proxy', started: true })],
        statuses: [running()],
      }),
      '2/2',
      'Running',
      '0',
    ],
    [
      'completed container beside a running one',
      aPod({
        phase: 'Running',
        containers: 2,
        statuses: [running(), terminated('Completed')],
        conditions: [{ type: 'Ready', status: 'False' }],
      }),
      '1/2',
      'NotReady',
      '0',
    ],
  ])('%s', (_name, pod, ready, status, restarts) => {
    expect(row(pod)?.cells.slice(1, 4)).toEqual([ready, status, restarts]);
  });

  it('fills the wide columns', () => {
    const pod = aPod({
      phase: 'Running',
      statuses: [running()],
      podIP: '10.0.0.7',
      nodeName: 'node-a',
      readinessGates: ['x', 'y'],
    });
    (pod.status as Json).conditions = [{ type: 'x', status: 'True' }];
    expect(row(pod)?.cells).toEqual([
      'web-0',
      '1/1',
      'Running',
      '0',
      '5m',
      '10.0.0.7',
      'node-a',
      '<none>',
      '1/2',
    ]);
    expect(row(aPod())?.cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it.each<[string, string | undefined]>([
    ['Succeeded', 'Succeeded'],
    ['Failed', 'Failed'],
    ['Running', undefined],
  ])('marks a %s pod completed: %s', (phase, reason) => {
    const conditions = row(aPod({ phase }))?.conditions;
    expect(conditions?.[0]?.reason).toBe(reason);
    if (reason) expect(conditions?.[0]).toMatchObject({ type: 'Completed', status: 'True' });
  });
});
