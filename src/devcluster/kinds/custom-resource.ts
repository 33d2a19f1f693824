import type { KubeObject } from '../api/object-meta.js';
import type { ResourceDef } from '../api/resource-def.js';
import {
  applyDefaults,
  formatFieldError,
  pruneNonNullableNulls,
  pruneUnknownFields,
  validateAgainstSchema,
} from '../schema/index.js';
import type { KindStrategy } from './kind-strategy.js';

/**
 * Custom resources are defaulted, pruned and validated against their CRD version's structural
 * schema, as the apiextensions server does. Pruning is what makes invented status fields vanish
 * on clusters running the upstream CRDs, so the controller is tested against it.
 */
export function customResourceStrategy(def: ResourceDef): KindStrategy {
  const schema = def.crd?.schema;
  if (!schema) return {};
  return {
    defaults(draft) {
      // The apiextensions write order: prune, drop nulls the schema does not allow, default.
      const shaped = applyDefaults(
        pruneNonNullableNulls(pruneUnknownFields(draft, schema), schema),
        schema,
      ) as KubeObject;
      for (const key of Object.keys(draft)) if (!(key in shaped)) delete draft[key];
      Object.assign(draft, shaped, { metadata: draft.metadata });
    },
    validate(obj, old) {
      return validateAgainstSchema(obj, schema, old ? { oldObj: old } : undefined).map((e) => ({
        field: e.field,
        reason: e.type,
        message: formatFieldError(e),
      }));
    },
  };
}
