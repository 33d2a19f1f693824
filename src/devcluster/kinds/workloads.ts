import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import type { FieldCause } from '../api/validate-meta.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import type { KindStrategy } from './kind-strategy.js';
import { defaultPodTemplate, validatePodSpec } from '../../domain/pod-defaults.js';

type Json = Record<string, unknown>;

function spec(obj: KubeObject): Json {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Json;
}

/** apps/v1 and batch/v1 reject a selector that does not select the template's own labels. */
function validateSelectorAndTemplate(
  obj: KubeObject,
  old: KubeObject | undefined,
  immutableSelector: boolean,
): FieldCause[] {
  const s = spec(obj);
  const causes: FieldCause[] = [];
  const template = isRecord(s.template) ? s.template : undefined;
  if (!isRecord(s.selector)) {
    causes.push({
      field: 'spec.selector',
      reason: 'FieldValueRequired',
      message: 'spec.selector: Required value',
    });
  } else {
    let selects = false;
    try {
      const sel = labelSelectorFromObject(s.selector);
      const labels = isRecord(template?.metadata)
        ? (template.metadata.labels as Record<string, string> | undefined)
        : undefined;
      const empty = Object.keys(s.selector).every((k) => {
        const v = (s.selector as Json)[k];
        return Array.isArray(v) ? v.length === 0 : !isRecord(v) || Object.keys(v).length === 0;
      });
      if (empty)
        causes.push({
          field: 'spec.selector',
          message: 'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
        });
      selects = matchesLabels(sel, labels ?? {});
    } catch (e) {
      causes.push({
        field: 'spec.selector',
        message: `spec.selector: Invalid value: ${(e as Error).message}`,
      });
    }
    if (!selects && causes.length === 0) {
      const labels = isRecord(template?.metadata) ? template.metadata.labels : undefined;
      causes.push({
        field: 'spec.template.metadata.labels',
        message: `spec.template.metadata.labels: Invalid value: ${JSON.stringify(labels ?? {})}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  if (
    immutableSelector &&
    old &&
    !jsonEqual(s.selector, (old.spec as Json | undefined)?.selector)
  ) {
    causes.push({
      field: 'spec.selector',
      message: `spec.selector: Invalid value: ${JSON.stringify(s.selector)}: field is immutable`,
    });
  }
  if (template) causes.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  else
    causes.push({
      field: 'spec.template',
      reason: 'FieldValueRequired',
      message: 'spec.template: Required value',
    });
  if (typeof s.replicas === 'number' && (s.replicas < 0 || !Number.isInteger(s.replicas))) {
    causes.push({
      field: 'spec.replicas',
      message: `spec.replicas: Invalid value: ${s.replicas}: must be greater than or equal to 0`,
    });
  }
  return causes;
}

export const replicaSetStrategy: KindStrategy = {
  defaults(draft) {
    const s = spec(draft);
    if (s.replicas === undefined) s.replicas = 1;
    // minReadySeconds is omitempty: its 0 default never shows in the API server's JSON.
    if (s.minReadySeconds === 0) delete s.minReadySeconds;
    defaultPodTemplate(s.template);
  },
  onCreate(draft) {
    draft.status = { replicas: 0 };
  },
  validate: (obj, old) => validateSelectorAndTemplate(obj, old, true),
};

export const deploymentStrategy: KindStrategy = {
  defaults(draft) {
    const s = spec(draft);
    if (s.replicas === undefined) s.replicas = 1;
    if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
    if (s.progressDeadlineSeconds === undefined) s.progressDeadlineSeconds = 600;
    if (!isRecord(s.strategy)) s.strategy = {};
    const strategy = s.strategy as Json;
    if (strategy.type === undefined) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      if (!isRecord(strategy.rollingUpdate)) strategy.rollingUpdate = {};
      const ru = strategy.rollingUpdate as Json;
      if (ru.maxSurge === undefined) ru.maxSurge = '25%';
      if (ru.maxUnavailable === undefined) ru.maxUnavailable = '25%';
    }
    defaultPodTemplate(s.template);
  },
  onCreate(draft) {
    draft.status = {};
  },
  validate: (obj, old) => validateSelectorAndTemplate(obj, old, true),
};

export const jobStrategy: KindStrategy = {
  defaults(draft) {
    const s = spec(draft);
    if (s.parallelism === undefined) s.parallelism = 1;
    if (s.completions === undefined) s.completions = 1;
    if (s.backoffLimit === undefined) s.backoffLimit = 6;
    if (s.completionMode === undefined) s.completionMode = 'NonIndexed';
    if (s.suspend === undefined) s.suspend = false;
    defaultPodTemplate(s.template, 'Never');
  },
  onCreate(draft) {
    // Like the Job controller's admission: a selector on the job's own uid, stamped on the template.
    const s = spec(draft);
    const uid = draft.metadata.uid ?? '';
    const name = draft.metadata.name ?? '';
    const ids = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    if (s.manualSelector !== true)
      s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    if (isRecord(s.template)) {
      if (!isRecord(s.template.metadata)) s.template.metadata = {};
      const meta = s.template.metadata as Json;
      meta.labels = { ...(isRecord(meta.labels) ? meta.labels : {}), ...ids };
    }
    draft.status = {};
  },
  validate(obj, old) {
    const causes = validateSelectorAndTemplate(obj, old, true);
    const template = spec(obj).template;
    const restartPolicy =
      isRecord(template) && isRecord(template.spec) ? template.spec.restartPolicy : undefined;
    if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') {
      causes.push({
        field: 'spec.template.spec.restartPolicy',
        reason: 'FieldValueNotSupported',
        message: `spec.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(restartPolicy)}: supported values: "OnFailure", "Never"`,
      });
    }
    if (old && !jsonEqual(spec(obj).template, (old.spec as Json | undefined)?.template)) {
      causes.push({
        field: 'spec.template',
        message: 'spec.template: Invalid value: field is immutable',
      });
    }
    return causes;
  },
};
