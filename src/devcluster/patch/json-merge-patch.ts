import { cloneJson, getOwn, isJsonObject, setOwn, type JsonObject } from './json-value.js';

/**
 * JSON Merge Patch, RFC 7386 §2: a non-object patch replaces the target, `null` deletes a member, arrays
 * replace wholesale. Inputs are never mutated and the result shares no structure with them.
 * https://www.rfc-editor.org/rfc/rfc7386#section-2
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result = isJsonObject(target) ? (cloneJson(target) as JsonObject) : {};
  mergeInto(result, patch);
  return result;
}

/** Merges `patch` into `result`, which the caller owns (a fresh clone). */
function mergeInto(result: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue; // not representable in JSON: treat as absent
    if (value === null) {
      delete result[key];
    } else if (isJsonObject(value)) {
      const current = getOwn(result, key);
      const child: JsonObject = isJsonObject(current) ? current : {};
      mergeInto(child, value);
      setOwn(result, key, child);
    } else {
      setOwn(result, key, cloneJson(value));
    }
  }
}
