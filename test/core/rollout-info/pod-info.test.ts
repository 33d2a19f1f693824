import { describe, expect, it } from 'vitest';
import { buildPodInfo } from '../../../src/core/rollout-info/pod-info.js';
import { aPod, NOW } from './builders.js';

const running = (ready: boolean, restartCount = 0) => ({
  ready,
  restartCount,
  state: { running: {} },
});
const waiting = (reason: string) => ({
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
});

// The STATUS/READY/RESTARTS kubectl prints for a pod, which the tree repeats (spec §5).
describe('buildPodInfo', () => {
  it.each([
    [
      'running and ready',
      { phase: 'Running', containerStatuses: [running(true)] },
      1,
      { status: 'Running', icon: '✔', ready: '1/1', restarts: 0 },
    ],
    [
      'pending before scheduling',
      { phase: 'Pending' },
      1,
      { status: 'Pending', icon: '◌', ready: '0/1' },
    ],
    [
      'image pull back-off',
      { phase: 'Pending', containerStatuses: [waiting('ImagePullBackOff')] },
      1,
      { status: 'ImagePullBackOff', icon: '⚠' },
    ],
    [
      'crash loop with restarts',
      {
        phase: 'Running',
        containerStatuses: [
          { ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
      1,
      { status: 'CrashLoopBackOff', icon: '✖', restarts: 4 },
    ],
    [
      'one of two containers ready',
      { phase: 'Running', containerStatuses: [running(true), running(false)] },
      2,
      { status: 'Running', ready: '1/2' },
    ],
    [
      'terminated by a signal',
      { phase: 'Failed', containerStatuses: [{ state: { terminated: { signal: 9 } } }] },
      1,
      { status: 'Signal:9', icon: '✖' },
    ],
    [
      'an init container still running',
      { phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }] },
      1,
      { status: 'Init:0/2', icon: '◌' },
    ],
    [
      'an init container failing to pull',
      {
        phase: 'Pending',
        initContainerStatuses: [{ state: { waiting: { reason: 'ErrImagePull' } } }],
      },
      1,
      { status: 'Init:ErrImagePull', icon: '◌' },
    ],
    [
      'the second init container running',
      {
        phase: 'Pending',
        initContainerStatuses: [
          { state: { terminated: { exitCode: 0 } } },
          { state: { running: {} } },
        ],
      },
      1,
      { status: 'Init:1/2' },
    ],
    [
      'an init container that failed',
      { phase: 'Pending', initContainerStatuses: [{ state: { terminated: { exitCode: 3 } } }] },
      1,
      { status: 'Init:ExitCode:3' },
    ],
    [
      'completed job pod',
      {
        phase: 'Succeeded',
        containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
      },
      1,
      { status: 'Completed', icon: '✔' },
    ],
  ])('%s', (_name, status, containers, expected) => {
    expect(
      buildPodInfo(aPod({ name: 'p', rsHash: 'h', status, containers, init: 2 }), NOW),
    ).toMatchObject(expected);
  });

  it('a pod being deleted is Terminating, with its age', () => {
    expect(
      buildPodInfo(aPod({ name: 'p', rsHash: 'h', deleting: true, ageSeconds: 90 }), NOW),
    ).toMatchObject({ status: 'Terminating', ageSeconds: 90 });
  });
});
