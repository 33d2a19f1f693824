/**
 * Traffic routing through the objects a mesh or ingress controller reads: an NGINX Ingress, an
 * SMI TrafficSplit and an Istio VirtualService (their CRDs are the devcluster's, which the real
 * control plane installs), with header routes, setCanaryScale and dynamicStableScale.
 */
import {
  aCanaryRollout,
  anIngress,
  aService,
  aVirtualService,
  type Step,
} from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { abort, promote, promoteFull, setImage } from './steps.js';

type Router = 'nginx' | 'smi' | 'istio';

const routing: Record<Router, object> = {
  nginx: { nginx: { stableIngress: 'web' } },
  smi: { smi: { rootService: 'web-root', trafficSplitName: 'web' } },
  istio: { istio: { virtualService: { name: 'web', routes: ['primary'] } } },
};

const routed = (
  name: string,
  router: Router,
  canary: { steps: Step[]; replicas?: number; extra?: Record<string, unknown> },
  steps: Scenario['steps'],
  more: Pick<Scenario, 'explained' | 'open'> = {},
): Scenario => ({
  name,
  rollout: 'web',
  ...more,
  objects: (ns) => [
    aService({ name: 'web-stable', namespace: ns, app: 'web' }),
    aService({ name: 'web-canary', namespace: ns, app: 'web' }),
    ...(router === 'smi' ? [aService({ name: 'web-root', namespace: ns, app: 'web' })] : []),
    ...(router === 'nginx'
      ? [anIngress({ name: 'web', namespace: ns, service: 'web-stable' })]
      : []),
    ...(router === 'istio'
      ? [
          aVirtualService({
            name: 'web',
            namespace: ns,
            stable: 'web-stable',
            canary: 'web-canary',
          }),
        ]
      : []),
    aCanaryRollout({
      name: 'web',
      namespace: ns,
      replicas: canary.replicas ?? 4,
      steps: canary.steps,
      canary: {
        stableService: 'web-stable',
        canaryService: 'web-canary',
        trafficRouting: routing[router],
        ...canary.extra,
      },
    }),
  ],
  steps,
});

const WEIGHTS = [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: {} }];

export const TRAFFIC: Scenario[] = [
  routed('nginx-weights', 'nginx', { steps: WEIGHTS }, [setImage('nginx:1.26'), promote, promote]),
  routed('nginx-abort', 'nginx', { steps: WEIGHTS }, [setImage('nginx:1.26'), promote, abort], {
    explained: [
      {
        pattern:
          /^point \d+ \(abort\): service web-canary: upstream ".*<nginx:1\.26>.*", ours ".*<nginx:1\.25>.*"$/,
        reason:
          'after an abort with traffic routing, upstream writes the canary Service twice per reconcile: back to the canary hash (rollout/service.go reconcileStableAndCanaryService skips its abort case when trafficRouting is set), then to stable (rollout/trafficrouting.go reconcileTrafficRouting); each write re-queues the Rollout through its Service informer, so a read can catch the canary hash. Ours points it at stable once and leaves it there (test/core/rollout/canary/aborted-canary-service.test.ts)',
      },
    ],
  }),
  routed(
    'nginx-set-canary-scale',
    'nginx',
    {
      steps: [
        { setCanaryScale: { replicas: 1 } },
        { setWeight: 50 },
        { pause: {} },
        { setCanaryScale: { weight: 75 } },
        { pause: {} },
        { setCanaryScale: { matchTrafficWeight: true } },
        { pause: {} },
      ],
    },
    [setImage('nginx:1.26'), promote, promote, promote],
  ),
  routed('smi-weights', 'smi', { steps: WEIGHTS }, [setImage('nginx:1.26'), promote, promote]),
  routed('istio-weights', 'istio', { steps: WEIGHTS }, [setImage('nginx:1.26'), promote, promote]),
  routed(
    'istio-header-route',
    'istio',
    {
      steps: [
        { setWeight: 20 },
        {
          setHeaderRoute: {
            name: 'canary-header',
            match: [{ headerName: 'x-canary', headerValue: { exact: 'canary' } }],
          },
        },
        { pause: {} },
        { setHeaderRoute: { name: 'canary-header' } },
        { pause: {} },
      ],
      extra: { trafficRouting: { ...routing.istio, managedRoutes: [{ name: 'canary-header' }] } },
    },
    [setImage('nginx:1.26'), promote, promote],
    {
      explained: [
        {
          pattern: /: events Rollout: (RolloutPaused|RolloutStepCompleted) only ours$/,
          reason:
            "upstream announces each VirtualService write; client-go's event spam filter (25 per object, then one per 5 minutes) then drops its later events",
        },
      ],
    },
  ),
  routed(
    'istio-dynamic-stable-scale',
    'istio',
    { steps: WEIGHTS, replicas: 5, extra: { dynamicStableScale: true } },
    [setImage('nginx:1.26'), promote, promoteFull],
  ),
  routed(
    'nginx-dynamic-stable-scale-abort',
    'nginx',
    { steps: WEIGHTS, replicas: 5, extra: { dynamicStableScale: true } },
    [setImage('nginx:1.26'), promote, abort],
  ),
];
