import { KIND_MESSAGES, messageFields } from '../protobuf/schema-registry.js';
import { isScalarType, isSpecialType } from '../protobuf/field-spec.js';

/**
 * What the devcluster knows of a built-in kind's JSON fields, for strict decoding: the protobuf
 * message tables (src/devcluster/protobuf/, the kinds kubectl can send as protobuf) read as a
 * field tree. A kind without a table has no schema here, and its unknown fields are not found.
 */
export interface BuiltinField {
  /** A message name, or undefined for a leaf (scalar, apimachinery special, opaque). */
  message?: string;
  repeated: boolean;
  map: boolean;
}

/**
 * Fields the 1.37 API server's OpenAPI lists that the protobuf tables do not carry (volume
 * plugins, newer alpha/beta fields, status detail the simulator never writes). They are known
 * names, accepted without looking below them, so a real manifest using them is not refused.
 */
const KNOWN_UNTABLED: Readonly<Record<string, readonly string[]>> = {
  EnvVarSource: ['fileKeyRef'],
  HTTPGetAction: ['protocol'],
  GRPCAction: ['mode'],
  Container: ['restartPolicyRules'],
  EphemeralContainer: ['restartPolicyRules'],
  VolumeMount: ['bindMountOptions'],
  PodSpec: ['evictionResponders', 'schedulingGroup'],
  Volume: [
    'awsElasticBlockStore',
    'azureDisk',
    'azureFile',
    'cephfs',
    'cinder',
    'fc',
    'flexVolume',
    'flocker',
    'gcePersistentDisk',
    'gitRepo',
    'glusterfs',
    'iscsi',
    'photonPersistentDisk',
    'portworxVolume',
    'quobyte',
    'rbd',
    'scaleIO',
    'storageos',
    'vsphereVolume',
  ],
  ConfigMapVolumeSource: ['defaultUser'],
  SecretVolumeSource: ['defaultUser'],
  DownwardAPIVolumeSource: ['defaultUser'],
  ProjectedVolumeSource: ['defaultUser'],
  KeyToPath: ['user'],
  DownwardAPIVolumeFile: ['user'],
  EmptyDirVolumeSource: ['mode'],
  ClusterTrustBundleProjection: ['user'],
  ServiceAccountTokenProjection: ['user'],
  VolumeProjection: ['podCertificate'],
  PodStatus: [
    'allocatedResources',
    'extendedResourceClaimStatus',
    'nodeAllocatableResourceClaimStatuses',
    'resize',
    'resourceClaimStatuses',
    'resources',
    'volumeHealth',
  ],
  ContainerStatus: [
    'allocatedResources',
    'allocatedResourcesStatus',
    'resources',
    'stopSignal',
    'user',
    'volumeMounts',
  ],
  JobSpec: ['scheduling'],
  TokenRequestSpec: ['attestations'],
};

const LEAF: BuiltinField = { repeated: false, map: false };
const cache = new Map<string, ReadonlyMap<string, BuiltinField>>();

/** The top-level message of a built-in `apiVersion`/`kind`, when the devcluster has its table. */
export function builtinMessageOf(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return Object.hasOwn(KIND_MESSAGES, key) ? KIND_MESSAGES[key] : undefined;
}

/** A message's JSON fields by name, inlined structs flattened, as Go's JSON decoder sees them. */
export function builtinFieldsOf(message: string): ReadonlyMap<string, BuiltinField> {
  let fields = cache.get(message);
  if (fields) return fields;
  const out = new Map<string, BuiltinField>();
  for (const spec of messageFields(message).values()) {
    if (spec.inline) {
      for (const [name, f] of builtinFieldsOf(spec.type)) out.set(name, f);
      continue;
    }
    const leaf = isScalarType(spec.type) || isSpecialType(spec.type);
    out.set(spec.json, {
      ...(leaf ? {} : { message: spec.type }),
      repeated: spec.repeated,
      map: spec.map,
    });
  }
  for (const name of KNOWN_UNTABLED[message] ?? []) if (!out.has(name)) out.set(name, LEAF);
  fields = out;
  cache.set(message, fields);
  return fields;
}
