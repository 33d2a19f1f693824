/** Specs upstream refuses with an InvalidSpec condition (the Rollout Degraded, nothing scaled). */
import { aBlueGreenRollout, aCanaryRollout, aService } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { patch, setImage } from './steps.js';

const invalid = (name: string, objects: Scenario['objects'], steps: Scenario['steps'] = []) => ({
  name,
  rollout: 'web',
  objects,
  steps,
});

export const INVALID_SPEC: Scenario[] = [
  invalid('canary-invalid-weight', (ns) => [
    aCanaryRollout({ name: 'web', namespace: ns, steps: [{ setWeight: 150 }] }),
  ]),
  invalid('invalid-selector-mismatch', (ns) => [
    aCanaryRollout({
      name: 'web',
      namespace: ns,
      spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'other' } } },
    }),
  ]),
  invalid('invalid-routing-without-canary-service', (ns) => [
    aService({ name: 'web-stable', namespace: ns, app: 'web' }),
    aCanaryRollout({
      name: 'web',
      namespace: ns,
      steps: [{ setWeight: 50 }],
      canary: { stableService: 'web-stable', trafficRouting: { nginx: { stableIngress: 'web' } } },
    }),
  ]),
  invalid('invalid-header-route-unmanaged', (ns) => [
    aCanaryRollout({
      name: 'web',
      namespace: ns,
      steps: [
        {
          setHeaderRoute: { name: 'h', match: [{ headerName: 'x', headerValue: { exact: 'v' } }] },
        },
      ],
    }),
  ]),
  invalid('invalid-bluegreen-same-services', (ns) =>
    aBlueGreenRollout({ name: 'web', namespace: ns, blueGreen: { previewService: 'web-active' } }),
  ),
  invalid(
    'invalid-then-fixed',
    (ns) => [aCanaryRollout({ name: 'web', namespace: ns, steps: [{ setWeight: -5 }] })],
    [
      patch('fix the weight', { spec: { strategy: { canary: { steps: [{ setWeight: 50 }] } } } }),
      setImage('nginx:1.26'),
    ],
  ),
];
