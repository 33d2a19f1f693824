import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'fixtures');

/** Names of the captured kubectl bodies (fixtures/<name>.b64). */
export const FIXTURE_NAMES = readdirSync(dir)
  .filter((f) => f.endsWith('.b64'))
  .map((f) => f.slice(0, -'.b64'.length))
  .sort();

export function kubectlBody(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(join(dir, `${name}.b64`), 'utf8'), 'base64'));
}

/** kubectl's `--dry-run=client -o json` for the same command, or undefined when it has none. */
export function kubectlJson(name: string): Record<string, unknown> | undefined {
  try {
    return withoutNulls(
      JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')),
    ) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Go writes a zero metav1.Time as `null` (`creationTimestamp: null`); the decoder leaves such fields out, which
 * the API server reads the same way.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}
