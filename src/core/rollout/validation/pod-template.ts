import { duplicate, invalid, notSupported, required, type FieldError } from './field-error.js';
import { isDns1123Label, isQualifiedName, validateLabels } from './label-syntax.js';
import { MSG } from './messages.js';
import { isEmptySelector, selectorMatches, sortedMap, type CompiledSelector } from './selector.js';
import { asArray, asString, asStringMap, field, hasEntries, isRecord, isSet } from './view.js';

/**
 * The part of Kubernetes' `ValidatePodTemplateSpecForReplicaSet` a Rollout author can trip over:
 * selector/labels agreement, label and annotation syntax, containers (present, named, unique,
 * with an image) and the ReplicaSet-only restartPolicy rule. The rest of pod-spec validation
 * (volumes, probes, resources…) is left to the API server when the ReplicaSet is created.
 */
export function validatePodTemplateForReplicaSet(
  template: unknown,
  selector: CompiledSelector,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const metadata = field(template, 'metadata');
  const rawLabels = field(metadata, 'labels');
  const labels = asStringMap(rawLabels);
  if (!isEmptySelector(selector) && !selectorMatches(selector, labels)) {
    errs.push(
      invalid(
        `${path}.metadata.labels`,
        isRecord(rawLabels) ? sortedMap(labels) : null,
        MSG.selectorMismatch,
      ),
    );
  }
  // ValidatePodTemplateSpec reports label problems under `<path>.labels`, not `.metadata.labels`.
  errs.push(...validateLabels(labels, `${path}.labels`));
  const annotations = asStringMap(field(metadata, 'annotations'));
  for (const key of Object.keys(annotations).sort()) {
    errs.push(
      ...isQualifiedName(key.toLowerCase()).map((m) => invalid(`${path}.annotations`, key, m)),
    );
  }
  const spec = field(template, 'spec');
  errs.push(...validateContainers(field(spec, 'containers'), `${path}.spec.containers`));
  // The API server defaults restartPolicy to Always before this runs; upstream does the same.
  const restartPolicy = isSet(field(spec, 'restartPolicy'))
    ? asString(field(spec, 'restartPolicy'))
    : 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errs.push(
      notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always', 'OnFailure', 'Never']),
    );
  }
  if (restartPolicy !== 'Always')
    errs.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  const activeDeadline = field(spec, 'activeDeadlineSeconds');
  if (isSet(activeDeadline)) {
    errs.push(
      invalid(
        `${path}.spec.activeDeadlineSeconds`,
        activeDeadline,
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}

function validateContainers(containers: unknown, path: string): FieldError[] {
  const list = asArray(containers);
  if (list.length === 0) return [required(path, '')];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const name = asString(field(c, 'name'));
    const at = `${path}[${i}]`;
    if (name === '') errs.push(required(`${at}.name`, ''));
    else errs.push(...isDns1123Label(name).map((m) => invalid(`${at}.name`, name, m)));
    if (seen.has(name)) errs.push(duplicate(`${at}.name`, name));
    seen.add(name);
    if (asString(field(c, 'image')) === '') errs.push(required(`${at}.image`, ''));
  });
  return errs;
}

/** `RolloutSpec.EmptyTemplate`: no labels, no annotations and nothing else in the template. */
export function isEmptyTemplate(template: unknown): boolean {
  if (!isRecord(template)) return true;
  const metadata = field(template, 'metadata');
  if (hasEntries(field(metadata, 'labels')) || hasEntries(field(metadata, 'annotations')))
    return false;
  const metaRest = isRecord(metadata)
    ? Object.entries(metadata).filter(([k, v]) => k !== 'labels' && k !== 'annotations' && isSet(v))
    : [];
  const specRest = isRecord(template.spec) ? Object.values(template.spec).filter(isSet) : [];
  return metaRest.length === 0 && specRest.length === 0;
}
