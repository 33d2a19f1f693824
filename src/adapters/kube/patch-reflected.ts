/**
 * True when `current` already shows every change of the JSON merge patch (RFC 7386): each
 * patched field holds the patched value, and each field the patch removes (`null`) is absent.
 * The patch's own `metadata.resourceVersion` guard is not a change and is ignored.
 *
 * The client asks this after a guarded write's first attempt went unanswered and its repeat met
 * 409: if the object shows the write, it was ours that landed, and the caller gets success instead
 * of a conflict that would make it re-plan (and, say, never record the step's events).
 */
export function isPatchReflected(patch: unknown, current: unknown): boolean {
  if (!isObject(patch)) return false;
  const { metadata, ...rest } = patch;
  if (isObject(metadata)) {
    const { resourceVersion: _guard, ...changes } = metadata;
    if (Object.keys(changes).length > 0 && !reflects(changes, field(current, 'metadata')))
      return false;
  }
  return reflects(rest, current);
}

function reflects(patch: Record<string, unknown>, current: unknown): boolean {
  for (const [key, value] of Object.entries(patch)) {
    const have = field(current, key);
    if (value === null) {
      if (have !== undefined) return false;
    } else if (isObject(value)) {
      if (!reflects(value, have)) return false;
    } else if (!sameJson(value, have)) return false;
  }
  return true;
}

function field(o: unknown, key: string): unknown {
  return isObject(o) ? o[key] : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Arrays and scalars are replaced whole by a merge patch; compare them as JSON, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a))
    return (
      isObject(b) &&
      Object.keys(a).length === Object.keys(b).length &&
      Object.entries(a).every(([k, v]) => sameJson(v, b[k]))
    );
  return a === b;
}
