import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
  strategicSchemaFor,
} from '../patch/index.js';
import { isStackOverflow, tooDeepError } from './nesting.js';
import type { KubeObject } from './object-meta.js';
import type { ResourceDef } from './resource-def.js';
import { errors, KubeStatusError } from './status-error.js';

export type PatchKind = 'json' | 'merge' | 'strategic' | 'apply';

const CONTENT_TYPES: Record<string, PatchKind> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export function patchKindFor(contentType: string): PatchKind | undefined {
  return CONTENT_TYPES[contentType];
}

export const PATCH_CONTENT_TYPES = Object.keys(CONTENT_TYPES).filter((t) => !t.endsWith('cbor'));

/** Applies a PATCH body of the given kind to the live object; PatchError becomes a Status. */
export function applyRequestPatch(
  def: ResourceDef,
  current: KubeObject,
  kind: PatchKind,
  patch: unknown,
): unknown {
  const schema = def.crd ? undefined : strategicSchemaFor(def.group, def.kind);
  try {
    switch (kind) {
      case 'json':
        return applyJsonPatch(current, patch);
      case 'merge':
        return applyMergePatch(current, patch);
      case 'strategic':
        if (!schema) {
          throw errors.unsupportedMediaType(
            PATCH_CONTENT_TYPES.filter((t) => !t.includes('strategic')),
          );
        }
        return applyStrategicMergePatch(current, patch, schema);
      case 'apply':
        // Server-side apply, approximated as "merge the applied configuration into the live object".
        return schema
          ? applyStrategicMergePatch(current, patch, schema)
          : applyMergePatch(current, patch);
    }
  } catch (e) {
    if (e instanceof PatchError)
      throw new KubeStatusError(e.status, e.status === 422 ? 'Invalid' : 'BadRequest', e.message);
    // JSON patch `copy` ops can nest a document past what the request's own depth check saw.
    if (isStackOverflow(e)) throw tooDeepError(undefined);
    throw e;
  }
}
