export { PatchError } from './errors.js';
export { applyMergePatch } from './json-merge-patch.js';
export { applyJsonPatch } from './json-patch.js';
export { applyStrategicMergePatch } from './strategic-merge.js';
export {
  fieldMeta,
  strategicSchemaFor,
  type FieldPatchMeta,
  type PatchSchema,
  type PatchStrategy,
} from './patch-schema.js';
