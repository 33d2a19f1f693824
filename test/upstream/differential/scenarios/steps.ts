/** The operations scenarios perform at their logical points, each named as a trajectory label. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioStep } from '../harness.js';

/** `kubectl argo rollouts set image <rollout> web=<image>` */
export const setImage = (image: string, rollout = 'web'): ScenarioStep => ({
  label: `set image ${image}`,
  run: (ctx) => ctx.plugin('set', 'image', rollout, `web=${image}`),
});

/** Any `kubectl argo rollouts …` command, labelled. */
export const plugin = (label: string, ...args: string[]): ScenarioStep => ({
  label,
  run: (ctx) => ctx.plugin(...args),
});

export const promote = plugin('promote', 'promote', 'web');
export const promoteFull = plugin('promote --full', 'promote', 'web', '--full');
export const abort = plugin('abort', 'abort', 'web');
export const retry = plugin('retry', 'retry', 'rollout', 'web');
export const pause = plugin('pause', 'pause', 'web');

/** `kubectl scale rollout web --replicas n` (the scale subresource). */
export const scale = (replicas: number): ScenarioStep => ({
  label: `scale to ${replicas}`,
  run: (ctx) =>
    ctx.kubectl('-n', ctx.namespace, 'scale', 'rollout', 'web', `--replicas=${replicas}`),
});

/** A merge patch of the Rollout (or another object), for spec edits the plugin has no verb for. */
export const patch = (label: string, patchBody: object, target = 'rollout/web'): ScenarioStep => ({
  label,
  run: (ctx) =>
    ctx.kubectl(
      '-n',
      ctx.namespace,
      'patch',
      target,
      '--type=merge',
      '-p',
      JSON.stringify(patchBody),
    ),
});

/** Lets wall-clock time pass (a progress deadline, a delay) before the next settle. */
export const wait = (seconds: number): ScenarioStep => ({
  label: `wait ${seconds}s`,
  run: () => sleep(seconds * 1000),
});
