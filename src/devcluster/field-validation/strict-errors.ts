import { isRecord } from '../api/object-meta.js';
import { apiVersionOf, type ResourceDef } from '../api/resource-def.js';
import { errors, KubeStatusError } from '../api/status-error.js';
import { formatGoValue } from './go-value.js';
import type { UnknownField } from './unknown-fields.js';

/**
 * The answers of a 1.37 API server to unknown fields, learnt by probing it (see
 * test/conformance/field-validation.test.ts): the decoder's error list, the 299 warnings of
 * `Warn`, and the three shapes of refusal (create/update, patch, server-side apply).
 */

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const isYamlRepeat = (f: UnknownField) => f.duplicate === true && f.line !== undefined;

function describe(f: UnknownField): string {
  if (!f.duplicate) return `unknown field ${JSON.stringify(f.path)}`;
  if (f.line !== undefined)
    return `line ${f.line}: key ${JSON.stringify(f.key)} already set in map`;
  return `${f.inJsonPatch ? 'json patch ' : ''}duplicate field ${JSON.stringify(f.path)}`;
}

/** Go's YAML decoder's one error for all the keys a body repeats. */
function yamlUnmarshalErrors(fields: readonly UnknownField[]): string {
  const lines = fields.filter(isYamlRepeat).map((f) => `\n  ${describe(f)}`);
  return `yaml: unmarshal errors:${lines.join('')}`;
}

/** `Warning` header values, one per field: `299 - "unknown field \"spec.x\""`. */
export function buildWarnings(fields: readonly UnknownField[]): string[] {
  return fields.map((f) => `299 - ${JSON.stringify(describe(f))}`);
}

/** The decoder's list: the YAML decoder's repeated keys as one error, where the first stood. */
function strictDecoding(fields: readonly UnknownField[]): string {
  const firstYaml = fields.findIndex(isYamlRepeat);
  const items = fields.flatMap((f, i) =>
    !isYamlRepeat(f) ? [describe(f)] : i === firstYaml ? [yamlUnmarshalErrors(fields)] : [],
  );
  return `strict decoding error: ${items.join(', ')}`;
}

/**
 * Server-side apply of a YAML (or JSON) configuration that repeats a key, with Strict: a 400
 * before anything else is looked at.
 */
export function applyRepeatedKeysError(fields: readonly UnknownField[]): KubeStatusError {
  return errors.badRequest(
    `error strict decoding patch: error converting YAML to JSON: ${yamlUnmarshalErrors(fields)}`,
  );
}

/** Create and update with Strict: the body cannot be decoded, a 400. */
export function strictBodyError(
  def: ResourceDef,
  fields: readonly UnknownField[],
): KubeStatusError {
  return new KubeStatusError(
    400,
    'BadRequest',
    `${def.kind} in version ${JSON.stringify(def.version)} cannot be handled as a ${def.kind}: ${strictDecoding(fields)}`,
  );
}

/** Keys sorted at every level, as Go marshals the map the patched object was decoded into. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * JSON merge, JSON and strategic merge patches with Strict: a 422 on the `patch` field whose value
 * is the patched object as JSON (the strategic patch itself, printed as a Go map), with no kind
 * or name in front of ` "" is invalid` (the API server leaves them empty here).
 */
export function strictPatchError(
  patchKind: 'merge' | 'json' | 'strategic',
  patchBody: unknown,
  patched: unknown,
  fields: readonly UnknownField[],
): KubeStatusError {
  const value = patchKind === 'strategic' ? formatGoValue(patchBody) : sortedJson(patched);
  const body = `Invalid value: ${JSON.stringify(value)}: ${strictDecoding(fields)}`;
  return new KubeStatusError(422, 'Invalid', ` "" is invalid: patch: ${body}`, {
    causes: [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }],
  });
}

/**
 * Server-side apply of a configuration with fields the schema does not declare, whatever
 * fieldValidation says: structured-merge-diff cannot type it, and the API server answers 500 with
 * no reason. The object is named `<namespace the configuration gives>/<name>`; `.spec.x` paths,
 * list items by index (the API server names keyed items by key).
 */
export function applyTypeError(
  def: ResourceDef,
  name: string,
  config: unknown,
  fields: readonly UnknownField[],
): KubeStatusError {
  const meta = isRecord(config) && isRecord(config.metadata) ? config.metadata : {};
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  const lines = fields.map((f) => `.${f.path}: field not declared in schema`);
  const detail = lines.length === 1 ? lines[0] : `errors:\n  ${lines.join('\n  ')}`;
  return new KubeStatusError(
    500,
    '',
    `failed to create typed patch object (${namespace}/${name}; ${apiVersionOf(def)}, Kind=${def.kind}): ${detail}`,
  );
}
