import type {
  BlueGreenStrategy,
  CanaryStep,
  CanaryStrategy,
  Rollout,
  RolloutSpec,
  Service,
} from '../../../../src/domain/index.js';

export interface RolloutOverrides {
  name?: string;
  /** Shallow-merged into `spec`; a key set to `undefined` is removed. */
  spec?: Partial<Record<keyof RolloutSpec, unknown>>;
  /** Shallow-merged into the default canary strategy; `undefined` removes a key. */
  canary?: Partial<Record<keyof CanaryStrategy, unknown>>;
  steps?: unknown[];
  trafficRouting?: unknown;
  /** Replaces the canary strategy with this blue-green one. */
  blueGreen?: Partial<Record<keyof BlueGreenStrategy, unknown>>;
}

export const DEFAULT_STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: { duration: '1m' } },
  { setWeight: 60 },
  { pause: {} },
];

function merge(
  base: Record<string, unknown>,
  over: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, ...over };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

/** A valid canary Rollout (basic canary, four steps); overrides name what a case changes. */
export function aRollout(o: RolloutOverrides = {}): Rollout {
  const canary = merge({ steps: o.steps ?? DEFAULT_STEPS }, o.canary);
  if (o.trafficRouting !== undefined) canary.trafficRouting = o.trafficRouting;
  const strategy = o.blueGreen
    ? {
        blueGreen: merge(
          { activeService: 'guestbook-active', previewService: 'guestbook-preview' },
          o.blueGreen,
        ),
      }
    : { canary };
  const spec = merge(
    {
      replicas: 5,
      selector: { matchLabels: { app: 'guestbook' } },
      template: {
        metadata: { labels: { app: 'guestbook' } },
        spec: { containers: [{ name: 'guestbook', image: 'argoproj/rollouts-demo:blue' }] },
      },
      strategy,
    },
    o.spec,
  );
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: o.name ?? 'guestbook', namespace: 'default' },
    spec,
  } as Rollout;
}

/** A canary Rollout routed by `trafficRouting`, with both services set. */
export function aRoutedRollout(trafficRouting: unknown, o: RolloutOverrides = {}): Rollout {
  return aRollout({
    ...o,
    canary: { canaryService: 'guestbook-canary', stableService: 'guestbook-stable', ...o.canary },
    trafficRouting,
  });
}

export function aService(
  name: string,
  o: { selector?: Record<string, string>; managedBy?: string } = {},
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: 'default',
      ...(o.managedBy !== undefined
        ? { annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': o.managedBy } }
        : {}),
    },
    spec: { selector: o.selector ?? { app: 'guestbook' } },
  };
}
