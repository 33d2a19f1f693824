import { isRecord } from '../api/object-meta.js';
import type { JsonKeyScan, RepeatedKey } from './json-key-scan.js';

/** A JSON pointer (`/spec/containers/0`) as a printed path (`spec.containers[0]`); `-` has none. */
function printedPointer(pointer: string): string | undefined {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (segment === '-') return undefined;
    out += /^\d+$/.test(segment) ? `[${segment}]` : out ? `.${segment}` : segment;
  }
  return out;
}

/**
 * A JSON patch's repeated keys as the API server reports them: each one among the operations
 * (`json patch duplicate field "[0].value"`), then, where an `add` or `replace` puts a value
 * that repeats a key into the object, that key again at its place there
 * (`duplicate field "metadata.labels.x"`): the patched document keeps both.
 */
export function jsonPatchKeys(scan: JsonKeyScan, ops: unknown): JsonKeyScan {
  const inPatch = scan.duplicates.map((d) => ({ ...d, inJsonPatch: true }));
  const inObject = scan.duplicates.flatMap((d): RepeatedKey[] => {
    const m = /^\[(\d+)\]\.value([.[].*)$/.exec(d.path);
    const op = m && Array.isArray(ops) ? (ops[Number(m[1])] as unknown) : undefined;
    if (!m || !isRecord(op) || (op.op !== 'add' && op.op !== 'replace')) return [];
    const at = typeof op.path === 'string' ? printedPointer(op.path) : undefined;
    if (at === undefined) return [];
    const rest = m[2]!;
    return [{ ...d, path: at ? `${at}${rest}` : rest.replace(/^\./, '') }];
  });
  return { firstSeen: scan.firstSeen, duplicates: [...inPatch, ...inObject] };
}
