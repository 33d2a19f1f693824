import { isRecord } from '../../domain/json.js';

/**
 * `$name` references, as notifications-engine finds them in every string of a service's YAML: a `$`
 * followed by word characters or dashes, anywhere in the string (`Bearer $token` works too).
 */
const SECRET_REF = /\$[A-Za-z0-9_-]+/g;

export interface SecretSubstitution<T> {
  value: T;
  /** Secret keys referenced but not in the Secret (each reference is left as written). */
  missing: string[];
  /** The secret values that were put in, for redaction. */
  used: string[];
}

/**
 * Replaces every `$name` in the strings of `value` (map keys included, as upstream walks every YAML
 * scalar) by the Secret's key `name`. Unknown keys stay as written and are reported.
 */
export function substituteSecrets<T>(
  value: T,
  secrets: Readonly<Record<string, string>>,
): SecretSubstitution<T> {
  const missing = new Set<string>();
  const used = new Set<string>();
  const inString = (text: string): string =>
    text.replace(SECRET_REF, (ref) => {
      const key = ref.slice(1);
      const secret = Object.hasOwn(secrets, key) ? secrets[key] : undefined;
      if (secret === undefined) {
        missing.add(key);
        return ref;
      }
      used.add(secret);
      return secret;
    });
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return inString(node);
    if (Array.isArray(node)) return node.map(walk);
    if (isRecord(node))
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [inString(k), walk(v)]));
    return node;
  };
  return { value: walk(value) as T, missing: [...missing], used: [...used] };
}

/** A Secret's `data` (base64) and `stringData` as text; undecodable values are reported by key. */
export function decodeSecretData(secret: unknown): {
  values: Record<string, string>;
  undecodable: string[];
} {
  const values: Record<string, string> = {};
  const undecodable: string[] = [];
  const data = isRecord(secret) && isRecord(secret.data) ? secret.data : {};
  for (const [key, encoded] of Object.entries(data)) {
    const text = typeof encoded === 'string' ? decodeBase64(encoded) : undefined;
    if (text === undefined) undecodable.push(key);
    else values[key] = text;
  }
  const stringData = isRecord(secret) && isRecord(secret.stringData) ? secret.stringData : {};
  for (const [key, text] of Object.entries(stringData)) {
    if (typeof text === 'string') values[key] = text;
  }
  return { values, undecodable };
}

function decodeBase64(encoded: string): string | undefined {
  try {
    const binary = atob(encoded.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
