import type { KubeObject } from './object-meta.js';

import type { FieldCause } from '../../domain/field-cause.js';

export type { FieldCause };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

export function dnsSubdomainError(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS_SUBDOMAIN.test(value)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

export function dnsLabelError(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS_LABEL.test(value)) {
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  }
  return undefined;
}

function qualifiedNameError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2)
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (!prefix || dnsSubdomainError(prefix))
      return `prefix part ${dnsSubdomainError(prefix) ?? 'must be non-empty'}`;
  }
  if (!name) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!LABEL_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  }
  return undefined;
}

/** ObjectMeta validation every kind shares: name, labels, annotations, owner references. */
export function validateObjectMeta(obj: KubeObject, opts: { nameIsLabel?: boolean }): FieldCause[] {
  const causes: FieldCause[] = [];
  const meta = obj.metadata;
  const name = meta.name ?? '';
  if (!name) {
    causes.push({
      field: 'metadata.name',
      reason: 'FieldValueRequired',
      message: 'metadata.name: Required value: name or generateName is required',
    });
  } else {
    const err = opts.nameIsLabel ? dnsLabelError(name) : dnsSubdomainError(name);
    if (err)
      causes.push({
        field: 'metadata.name',
        message: `metadata.name: Invalid value: ${JSON.stringify(name)}: ${err}`,
      });
  }
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    if (typeof v !== 'string') {
      causes.push({
        field: `metadata.labels`,
        message: `metadata.labels: Invalid value: ${JSON.stringify(v)}: label values must be strings`,
      });
      continue;
    }
    const keyErr = qualifiedNameError(k);
    if (keyErr)
      causes.push({
        field: 'metadata.labels',
        message: `metadata.labels: Invalid value: ${JSON.stringify(k)}: ${keyErr}`,
      });
    if (v.length > 63 || !LABEL_VALUE.test(v)) {
      causes.push({
        field: `metadata.labels`,
        message: `metadata.labels: Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      });
    }
  }
  let annotationBytes = 0;
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    if (typeof v !== 'string') {
      causes.push({
        field: 'metadata.annotations',
        message: `metadata.annotations: Invalid value: ${JSON.stringify(v)}: annotation values must be strings`,
      });
      continue;
    }
    const keyErr = qualifiedNameError(k);
    if (keyErr)
      causes.push({
        field: 'metadata.annotations',
        message: `metadata.annotations: Invalid value: ${JSON.stringify(k)}: ${keyErr}`,
      });
    annotationBytes += k.length + v.length;
  }
  if (annotationBytes > ANNOTATIONS_MAX_BYTES) {
    causes.push({
      field: 'metadata.annotations',
      reason: 'FieldValueTooLong',
      message: `metadata.annotations: Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes`,
    });
  }
  (meta.ownerReferences ?? []).forEach((ref, i) => {
    for (const f of ['apiVersion', 'kind', 'name', 'uid'] as const) {
      if (!ref[f])
        causes.push({
          field: `metadata.ownerReferences[${i}].${f}`,
          reason: 'FieldValueRequired',
          message: `metadata.ownerReferences[${i}].${f}: Required value`,
        });
    }
  });
  if (meta.ownerReferences && meta.ownerReferences.filter((r) => r.controller).length > 1) {
    causes.push({
      field: 'metadata.ownerReferences',
      message:
        'metadata.ownerReferences: Invalid value: Only one reference can have Controller set to true',
    });
  }
  (meta.finalizers ?? []).forEach((f, i) => {
    if (typeof f !== 'string' || qualifiedNameError(f)) {
      causes.push({
        field: `metadata.finalizers[${i}]`,
        message: `metadata.finalizers[${i}]: Invalid value: ${JSON.stringify(f)}: a finalizer must be a qualified name`,
      });
    }
  });
  return causes;
}
