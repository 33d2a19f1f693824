/**
 * A canonical JSON text: object keys sorted (recursively), members whose value is `undefined` or
 * `null` dropped, array elements kept in order (`undefined` in an array becomes `null`, as in
 * JSON.stringify). Used both for hashing (spec §8.8) and for semantic template comparison (§8.1 step 3).
 *
 * Why null members are dropped: the upstream controller hashes a template after a JSON round-trip
 * through Go structs, where a `null` optional field decodes to its zero value and `omitempty` drops
 * it; the API server likewise prunes nulls of non-nullable CRD fields. So `{"x": null}` and `{}` are
 * the same object once stored — in particular `metadata.creationTimestamp: null`, which Go clients
 * write and older API servers echo back, must not change the hash.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
    return undefined;
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return write(withJson.toJSON());
  const obj = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const member = obj[key] === null ? undefined : write(obj[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
