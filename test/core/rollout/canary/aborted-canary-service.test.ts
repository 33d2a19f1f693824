import { describe, expect, it } from 'vitest';
import { planRollout } from '../../../../src/core/rollout/plan-rollout.js';
import type { ObservedRollout } from '../../../../src/core/rollout/plan-types.js';
import { computeStepsHash } from '../../../../src/core/rollout/template/index.js';
import { ANNOTATIONS, type CanaryStep } from '../../../../src/domain/index.js';
import { aCanary, aReplicaSet, aService } from '../../../support/builders/index.js';
import { anIngress } from '../../../upstream/manifests.js';
import { actionsOf, observed, secondsAgo, twoVersions } from '../pipeline-table.js';

// NGINX-routed canary aborted at 20 %: v1 5 pods, v2 1 pod, the abort recorded 5 s ago.
const STEPS: CanaryStep[] = [{ setWeight: 20 }, { pause: {} }];
const at = (image: string) =>
  aCanary(
    {
      steps: STEPS,
      canaryService: 'guestbook-canary',
      stableService: 'guestbook-stable',
      trafficRouting: { nginx: { stableIngress: 'guestbook' } },
    },
    {
      image,
      metadata: { uid: 'ro-1', generation: 2, annotations: { [ANNOTATIONS.revision]: '2' } },
    },
  );
const { v1, v2, STABLE, NEW, roles } = twoVersions(at);

const INGRESS = 'networking.k8s.io/v1/Ingress/default';
const stableIngress = anIngress({
  name: 'guestbook',
  namespace: 'default',
  service: 'guestbook-stable',
});

/** The aborted update, its canary Service on `canaryHash`. */
function aborted(canaryHash: string): ObservedRollout {
  const rollout = at('demo:v2');
  rollout.status = {
    observedGeneration: '2',
    currentPodHash: NEW,
    currentStepHash: computeStepsHash(STEPS),
    stableRS: STABLE,
    currentStepIndex: 0,
    abort: true,
    abortedAt: secondsAgo(5),
  };
  const service = (name: string, hash: string) =>
    aService(name, {
      selector: { app: 'guestbook', 'rollouts-pod-template-hash': hash },
      managedBy: 'guestbook',
    });
  return {
    ...observed(
      rollout,
      [
        aReplicaSet(v1, { revision: 1, replicas: 5 }),
        aReplicaSet(v2, { revision: 2, replicas: 1 }),
      ],
      { services: [service('guestbook-canary', canaryHash), service('guestbook-stable', STABLE)] },
    ),
    traffic: new Map([
      [`${INGRESS}/guestbook`, stableIngress],
      [`${INGRESS}/guestbook-guestbook-canary`, undefined],
    ]),
  };
}

const serviceSwitches = (o: ObservedRollout) =>
  actionsOf(planRollout(o), roles).filter((a) => a.startsWith('point '));

// Spec §4.1 and §4.2 step 3: once aborted, the canary Service follows the stable ReplicaSet.
// Upstream v1.10.2 reaches the same end in two writes per reconcile (first back to the canary hash,
// then to stable), which a read in between catches (README, explained differences: nginx-abort).
describe('an aborted traffic-routed canary: the canary Service goes to stable and stays', () => {
  it('points the canary Service, still on the canary, at the stable ReplicaSet', () => {
    expect(serviceSwitches(aborted(NEW))).toEqual(['point guestbook-canary at stable']);
  });

  it('leaves a canary Service already on stable untouched: no write back to the canary hash', () => {
    expect(serviceSwitches(aborted(STABLE))).toEqual([]);
  });
});
