import { invalid, type FieldError } from './field-error.js';
import { isQualifiedName } from './label-syntax.js';
import { MSG } from './messages.js';
import { asArray, asString, field, isSet } from './view.js';

/**
 * Step analysis arguments taken from the Rollout's own metadata must name a field the downward
 * API can read (`metadata.name`, `metadata.labels['app']`…), as upstream checks with
 * `fieldpath.ExtractFieldPathAsString`.
 */
export function validateStepAnalysisArgs(step: unknown, stepPath: string): FieldError[] {
  const args = [
    ...asArray(field(field(step, 'experiment'), 'analyses')).flatMap((a) =>
      asArray(field(a, 'args')),
    ),
    ...asArray(field(field(step, 'analysis'), 'args')),
  ];
  const errs: FieldError[] = [];
  for (const arg of args) {
    const valueFrom = field(arg, 'valueFrom');
    const fieldRef = field(valueFrom, 'fieldRef');
    if (!isSet(valueFrom) || !isSet(fieldRef)) continue;
    const fieldPath = asString(field(fieldRef, 'fieldPath'));
    if (fieldPath.startsWith('metadata') && !isReadableMetadataPath(fieldPath)) {
      errs.push(invalid(`${stepPath}.analyses`, args.map(argAsGoValue), MSG.analysisArgs));
    }
  }
  return errs;
}

const PLAIN_PATHS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
]);

function isReadableMetadataPath(fieldPath: string): boolean {
  if (fieldPath.endsWith("']")) {
    const trimmed = fieldPath.slice(0, -2);
    const at = trimmed.indexOf("['");
    if (at > 0) {
      const path = trimmed.slice(0, at);
      const subscript = trimmed.slice(at + 2);
      if (path === 'metadata.annotations')
        return isQualifiedName(subscript.toLowerCase()).length === 0;
      if (path === 'metadata.labels') return isQualifiedName(subscript).length === 0;
      return false;
    }
  }
  return PLAIN_PATHS.has(fieldPath);
}

function argAsGoValue(arg: unknown): unknown {
  const out: Record<string, unknown> = { name: asString(field(arg, 'name')) };
  const value = asString(field(arg, 'value'));
  if (value !== '') out.value = value;
  const valueFrom = field(arg, 'valueFrom');
  if (isSet(valueFrom)) {
    const vf: Record<string, unknown> = {};
    const hash = field(valueFrom, 'podTemplateHashValue');
    if (isSet(hash)) vf.podTemplateHashValue = hash;
    const fieldRef = field(valueFrom, 'fieldRef');
    if (isSet(fieldRef)) vf.fieldRef = { fieldPath: asString(field(fieldRef, 'fieldPath')) };
    out.valueFrom = vf;
  }
  return out;
}
