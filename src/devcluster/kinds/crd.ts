import { isRecord, type KubeObject } from '../api/object-meta.js';
import { ALL_VERBS, type PrinterColumn, type ResourceDef } from '../api/resource-def.js';
import type { FieldCause } from '../api/validate-meta.js';
import { checkStructural, type JSONSchemaProps } from '../schema/index.js';
import { checkApiApproval } from './crd-api-approval.js';
import type { KindStrategy } from './kind-strategy.js';

type Json = Record<string, unknown>;

interface CrdNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: {
    status?: unknown;
    scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
}

function crdSpec(obj: KubeObject): {
  group?: string;
  scope?: string;
  names?: CrdNames;
  versions?: CrdVersion[];
} {
  return isRecord(obj.spec) ? (obj.spec as never) : {};
}

export const crdStrategy: KindStrategy = {
  defaults(draft) {
    const s = crdSpec(draft) as Json;
    const names = (isRecord(s.names) ? s.names : {}) as CrdNames;
    if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
    if (names.kind && !names.singular) names.singular = names.kind.toLowerCase();
    if (!s.conversion) s.conversion = { strategy: 'None' };
  },
  onCreate(draft) {
    draft.status = {};
  },
  validate(obj, old) {
    const causes: FieldCause[] = [];
    const add = (field: string, message: string, reason = 'FieldValueInvalid') =>
      causes.push({ field, reason, message: `${field}: ${message}` });
    const s = crdSpec(obj);
    const names = s.names ?? {};
    if (!s.group) add('spec.group', 'Required value', 'FieldValueRequired');
    if (!names.plural) add('spec.names.plural', 'Required value', 'FieldValueRequired');
    if (!names.kind) add('spec.names.kind', 'Required value', 'FieldValueRequired');
    if (s.scope !== 'Namespaced' && s.scope !== 'Cluster') {
      add(
        'spec.scope',
        `Unsupported value: ${JSON.stringify(s.scope ?? '')}: supported values: "Cluster", "Namespaced"`,
        'FieldValueNotSupported',
      );
    }
    if (names.plural && s.group && obj.metadata.name !== `${names.plural}.${s.group}`) {
      add(
        'metadata.name',
        `Invalid value: ${JSON.stringify(obj.metadata.name)}: must be spec.names.plural+"."+spec.group`,
      );
    }
    const versions = Array.isArray(s.versions) ? s.versions : [];
    if (versions.length === 0)
      add(
        'spec.versions',
        'Invalid value: must have exactly one version marked as storage version',
      );
    if (versions.filter((v) => v.storage).length !== 1) {
      add(
        'spec.versions',
        'Invalid value: must have exactly one version marked as storage version',
      );
    }
    versions.forEach((v, i) => {
      const schema = v.schema?.openAPIV3Schema;
      if (!schema) {
        add(
          `spec.versions[${i}].schema.openAPIV3Schema`,
          'Required value: schemas are required',
          'FieldValueRequired',
        );
        return;
      }
      for (const problem of checkStructural(schema)) {
        causes.push({ field: `spec.versions[${i}].schema.openAPIV3Schema`, message: problem });
      }
    });
    if (typeof s.group === 'string') causes.push(...checkApiApproval(obj, s.group, old));
    return causes;
  },
};

/** The resources a CRD serves: one ResourceDef per served version. */
export function resourceDefsForCrd(crd: KubeObject): ResourceDef[] {
  const s = crdSpec(crd);
  const names = s.names ?? {};
  const versions = s.versions ?? [];
  const storageVersion = versions.find((v) => v.storage)?.name ?? versions[0]?.name ?? 'v1';
  return versions
    .filter((v) => v.served !== false && v.name)
    .map((v) => ({
      group: s.group ?? '',
      version: v.name ?? '',
      kind: names.kind ?? '',
      listKind: names.listKind ?? `${names.kind ?? ''}List`,
      plural: names.plural ?? '',
      singular: names.singular ?? (names.kind ?? '').toLowerCase(),
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      namespaced: s.scope !== 'Cluster',
      verbs: ALL_VERBS,
      statusSubresource: v.subresources?.status !== undefined && v.subresources.status !== null,
      ...(v.subresources?.scale?.specReplicasPath && v.subresources.scale.statusReplicasPath
        ? {
            scale: {
              specReplicasPath: v.subresources.scale.specReplicasPath,
              statusReplicasPath: v.subresources.scale.statusReplicasPath,
              ...(v.subresources.scale.labelSelectorPath
                ? { labelSelectorPath: v.subresources.scale.labelSelectorPath }
                : {}),
            },
          }
        : {}),
      extraSubresources: [],
      crd: {
        name: crd.metadata.name ?? '',
        storageVersion,
        ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
        printerColumns: v.additionalPrinterColumns ?? [],
      },
    }));
}

/** The status a served CRD reports, so `kubectl wait --for condition=established` works. */
export function establishedStatus(crd: KubeObject, now: string): Json {
  const s = crdSpec(crd);
  const storage = (s.versions ?? []).find((v) => v.storage)?.name;
  const condition = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: s.names ?? {},
    storedVersions: storage ? [storage] : [],
  };
}
