import { KubeClient } from '../../src/adapters/kube/index.js';
import { reconcileRollout } from '../../src/controller/reconcile-rollout.js';
import type { World } from './world.js';

/**
 * A kube client whose every merge patch is followed by reconciles before its caller sees the
 * answer: the controller reacting at once, as `npm start`'s does on the watch event. Requests still
 * in flight then read a Rollout the controller has already moved on (issue 15's probe).
 */
export class ReactingKube extends KubeClient {
  constructor(
    private readonly w: World,
    private readonly name = 'shop',
  ) {
    super({ server: w.h.url });
  }

  override async mergePatch<T>(path: string, patch: unknown): Promise<T> {
    const written = await super.mergePatch<T>(path, patch);
    for (let i = 0; i < 3; i++) {
      await reconcileRollout(
        { kube: this.w.kube, now: () => this.w.h.clock.now() },
        { namespace: 'default', name: this.name },
      ).catch(() => undefined);
      await this.w.h.settle();
    }
    return written;
  }
}
