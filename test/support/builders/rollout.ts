import type {
  BlueGreenStrategy,
  CanaryStep,
  CanaryStrategy,
  ObjectMeta,
  Rollout,
  RolloutSpec,
  RolloutStatus,
} from '../../../src/domain/index.js';
import { mergeDefined } from './merge.js';

export interface RolloutOverrides {
  /** `metadata.name`, also the app label and container name; `guestbook` unless given. */
  name?: string;
  namespace?: string;
  /** More metadata (uid, generation, labels, annotations…), merged over name and namespace. */
  metadata?: Partial<ObjectMeta>;
  /** The container image of the default pod template. */
  image?: string;
  /** Shallow-merged into `spec`; a key set to `undefined` is removed. */
  spec?: Partial<Record<keyof RolloutSpec, unknown>>;
  /** Shallow-merged into the default canary strategy; `undefined` removes a key. */
  canary?: Partial<Record<keyof CanaryStrategy, unknown>>;
  steps?: unknown[];
  trafficRouting?: unknown;
  /** Replaces the canary strategy with this blue-green one (merged over the default Services). */
  blueGreen?: Partial<Record<keyof BlueGreenStrategy, unknown>>;
  /** Left out unless given. */
  status?: RolloutStatus;
}

export const DEFAULT_STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: { duration: '1m' } },
  { setWeight: 60 },
  { pause: {} },
];

/**
 * A valid Rollout: 5 replicas of `<name>` (app label, one container), a basic canary with
 * {@link DEFAULT_STEPS}; every override names the one thing a case changes.
 */
export function aRollout(o: RolloutOverrides = {}): Rollout {
  const name = o.name ?? 'guestbook';
  const canary = mergeDefined({ steps: o.steps ?? DEFAULT_STEPS }, o.canary);
  if (o.trafficRouting !== undefined) canary.trafficRouting = o.trafficRouting;
  const strategy = o.blueGreen
    ? {
        blueGreen: mergeDefined(
          { activeService: `${name}-active`, previewService: `${name}-preview` },
          o.blueGreen,
        ),
      }
    : { canary };
  const spec = mergeDefined(
    {
      replicas: 5,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: o.image ?? 'argoproj/rollouts-demo:blue' }] },
      },
      strategy,
    },
    o.spec,
  );
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: o.namespace ?? 'default', ...o.metadata },
    spec,
    ...(o.status ? { status: o.status } : {}),
  } as Rollout;
}

/** A canary Rollout with these strategy fields (steps, trafficRouting, analysis…). */
export function aCanary(
  canary: Partial<Record<keyof CanaryStrategy, unknown>>,
  o: RolloutOverrides = {},
): Rollout {
  return aRollout({ ...o, canary: { ...o.canary, ...canary } });
}

/** A blue-green Rollout with these strategy fields, `<name>-active` / `<name>-preview` by default. */
export function aBlueGreen(
  blueGreen: Partial<Record<keyof BlueGreenStrategy, unknown>> = {},
  o: RolloutOverrides = {},
): Rollout {
  return aRollout({ ...o, blueGreen });
}
