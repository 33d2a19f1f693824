// Small schema builders for the schema tests: a node per call, overrides by name.
import type { JSONSchemaProps } from '../../../src/devcluster/schema/index.js';

export const str = (o: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'string', ...o });
export const int = (o: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'integer', ...o });
export const bool = (o: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'boolean', ...o });
export const obj = (
  properties: Record<string, JSONSchemaProps>,
  o: JSONSchemaProps = {},
): JSONSchemaProps => ({
  type: 'object',
  properties,
  ...o,
});
export const arr = (items: JSONSchemaProps, o: JSONSchemaProps = {}): JSONSchemaProps => ({
  type: 'array',
  items,
  ...o,
});
export const map = (values: JSONSchemaProps, o: JSONSchemaProps = {}): JSONSchemaProps => ({
  type: 'object',
  additionalProperties: values,
  ...o,
});
export const intOrString = (o: JSONSchemaProps = {}): JSONSchemaProps => ({
  'x-kubernetes-int-or-string': true,
  ...o,
});
export const preserve = (o: JSONSchemaProps = {}): JSONSchemaProps => ({
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
  ...o,
});

/** A CRD root schema in the shape controller-gen emits: apiVersion, kind, metadata, spec, status. */
export function aCrdSchema(
  parts: { spec?: JSONSchemaProps; status?: JSONSchemaProps; root?: JSONSchemaProps } = {},
): JSONSchemaProps {
  return obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: { type: 'object' },
      spec: parts.spec ?? obj({}),
      status: parts.status ?? obj({}),
    },
    parts.root,
  );
}

/** A Rollout-like schema: the fields the project's controller reads and writes. */
export function aRolloutSchema(): JSONSchemaProps {
  const step = obj({
    setWeight: int({ format: 'int32' }),
    pause: obj({ duration: intOrString() }),
  });
  return aCrdSchema({
    spec: obj(
      {
        replicas: int({ format: 'int32', default: 1, minimum: 0 }),
        selector: obj({ matchLabels: map(str()) }),
        strategy: obj({ canary: obj({ steps: arr(step, { maxItems: 3 }) }) }),
        template: preserve(),
      },
      { required: ['selector'] },
    ),
    status: obj({
      phase: str({ enum: ['Healthy', 'Progressing', 'Degraded'] }),
      currentStepIndex: int({ format: 'int32' }),
      conditions: arr(obj({ type: str(), status: str() }, { required: ['type', 'status'] })),
    }),
  });
}
