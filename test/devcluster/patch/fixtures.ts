import { strategicSchemaFor, type PatchSchema } from '../../../src/devcluster/patch/index.js';

type Json = Record<string, unknown>;

/** Freezes a value recursively so that any mutation by the code under test throws (ESM is strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function schemaOf(group: string, kind: string): PatchSchema {
  const schema = strategicSchemaFor(group, kind);
  if (schema === undefined) throw new Error(`no strategic merge schema for ${group}/${kind}`);
  return schema;
}

export function aContainer(overrides: Json = {}): Json {
  return { name: 'app', image: 'nginx:1', ...overrides };
}

interface DeploymentOverrides {
  containers?: Json[];
  volumes?: Json[];
  tolerations?: Json[];
  strategy?: Json;
  labels?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: Json[];
}

/** A frozen apps/v1 Deployment; only the pieces a test names are set. */
export function aDeployment(overrides: DeploymentOverrides = {}): Json {
  const {
    containers = [aContainer()],
    volumes,
    tolerations,
    strategy,
    labels = { app: 'web' },
  } = overrides;
  return deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      labels,
      ...(overrides.finalizers && { finalizers: overrides.finalizers }),
      ...(overrides.ownerReferences && { ownerReferences: overrides.ownerReferences }),
    },
    spec: {
      replicas: 2,
      ...(strategy && { strategy }),
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers, ...(volumes && { volumes }), ...(tolerations && { tolerations }) },
      },
    },
  });
}

/** Shorthand for a patch to the Deployment's pod spec. */
export function podSpecPatch(spec: Json): Json {
  return { spec: { template: { spec } } };
}

export function podSpecOf(deployment: unknown): Json {
  const spec = (deployment as { spec: { template: { spec: Json } } }).spec.template.spec;
  return spec;
}
