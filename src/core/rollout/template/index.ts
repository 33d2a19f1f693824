export { canonicalJson } from './canonical-json.js';
export {
  FNV32_OFFSET_BASIS,
  computePodTemplateHash,
  computeStepsHash,
  fnv1a32,
  safeEncodeString,
} from './hash.js';
export {
  INJECTED_TOPOLOGY_KEY,
  isInjectedAntiAffinityTerm,
  removeInjectedAntiAffinity,
} from './anti-affinity.js';
export { parseEphemeralMetadata } from './ephemeral-metadata.js';
export type { EphemeralMetadata } from './ephemeral-metadata.js';
export {
  findNewReplicaSet,
  replicaSetRevision,
  sortByRevision,
  stripInjected,
  templatesEqual,
} from './match.js';
