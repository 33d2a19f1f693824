import { ANNOTATIONS, LABELS, type ReplicaSet, type Rollout } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';
import { hashOf } from './replica-sets.js';
import { type EphemeralMetadata, parseEphemeralMetadata } from './template/index.js';

type Field = keyof EphemeralMetadata;
type KeyPatch = Record<string, string | null>;
type MetadataPatch = Partial<Record<Field, KeyPatch>>;
type PodMetadataSpec =
  { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined;

const FIELDS: readonly Field[] = ['labels', 'annotations'];
const NONE: EphemeralMetadata = { labels: {}, annotations: {} };

function stringsOf(map: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function fromSpec(spec: PodMetadataSpec): EphemeralMetadata {
  return { labels: stringsOf(spec?.labels), annotations: stringsOf(spec?.annotations) };
}

/** The configured metadata of each role: canary/stable, or for blue-green preview/active (spec §1.5–1.7). */
function roleMetadata(rollout: Rollout): { update: PodMetadataSpec; settled: PodMetadataSpec } {
  const { canary, blueGreen } = rollout.spec.strategy ?? {};
  return blueGreen
    ? { update: blueGreen.previewMetadata, settled: blueGreen.activeMetadata }
    : { update: canary?.canaryMetadata, settled: canary?.stableMetadata };
}

/**
 * The metadata the new RS's pods carry (spec §1.6, §1.7, §8.1 step 6): canary (blue-green:
 * preview) metadata while an update is in progress — for canary a stable RS is recorded and it is
 * not the new one; for blue-green the active Service does not point at the new RS yet — else
 * stable (active) metadata.
 */
export function desiredNewReplicaSetMetadata(
  rollout: Rollout,
  newHash: string | undefined,
  stableHash: string | undefined,
  activeHash?: string,
): EphemeralMetadata {
  const roles = roleMetadata(rollout);
  const inUpdate = rollout.spec.strategy?.blueGreen
    ? (activeHash ?? stableHash) !== undefined && (activeHash ?? stableHash) !== newHash
    : !!stableHash && stableHash !== newHash;
  return fromSpec(inUpdate ? roles.update : roles.settled);
}

/** The `rollout.argoproj.io/ephemeral-metadata` value; undefined when nothing is injected (no annotation). */
export function serializeEphemeralMetadata(m: EphemeralMetadata): string | undefined {
  const out: Partial<EphemeralMetadata> = {};
  for (const f of FIELDS) if (Object.keys(m[f]).length) out[f] = m[f];
  return Object.keys(out).length ? JSON.stringify(out) : undefined;
}

/** A copy of a freshly built RS whose pod template and annotation already carry `m`. */
export function withEphemeralMetadata(rs: ReplicaSet, m: EphemeralMetadata): ReplicaSet {
  const recorded = serializeEphemeralMetadata(m);
  if (recorded === undefined) return rs;
  const out = structuredClone(rs);
  const template = (out.spec.template ??= {});
  const meta = (template.metadata ??= {});
  for (const f of FIELDS) if (Object.keys(m[f]).length) meta[f] = { ...meta[f], ...m[f] };
  out.metadata.annotations = {
    ...out.metadata.annotations,
    [ANNOTATIONS.ephemeralMetadata]: recorded,
  };
  return out;
}

function sameMetadata(a: EphemeralMetadata, b: EphemeralMetadata): boolean {
  return FIELDS.every((f) => {
    const keys = Object.keys(a[f]);
    return keys.length === Object.keys(b[f]).length && keys.every((k) => b[f][k] === a[f][k]);
  });
}

/**
 * The JSON merge patch (only keys that differ) that turns `current` metadata, which had `from`
 * injected, into one with `to` injected: keys injected before and no longer wanted are removed
 * (`null`), wanted keys set. Undefined when `current` already matches.
 */
export function computeMetadataPatch(
  current: PodMetadataSpec,
  from: EphemeralMetadata,
  to: EphemeralMetadata,
): MetadataPatch | undefined {
  const patch: MetadataPatch = {};
  for (const f of FIELDS) {
    const have = current?.[f] ?? {};
    const keys: KeyPatch = {};
    for (const k of Object.keys(from[f]))
      if (!(k in to[f]) && have[k] !== undefined) keys[k] = null;
    for (const [k, v] of Object.entries(to[f])) if (have[k] !== v) keys[k] = v;
    if (Object.keys(keys).length) patch[f] = keys;
  }
  return Object.keys(patch).length ? patch : undefined;
}

/**
 * Keeps the ephemeral metadata of every ReplicaSet and its running pods in line with the strategy
 * (spec §1.6, §10.16): the new RS gets canary (or, once stable, stable) metadata, the stable RS
 * stable metadata, all other RSs none. What an RS had injected is read back from its annotation,
 * so keys dropped from the spec are removed from the template and the pods.
 */
export function planEphemeralMetadata(ctx: PlanContext): void {
  const { rollout, newRS, stableRS } = ctx;
  if (!newRS) return;
  const active = rollout.spec.strategy?.blueGreen
    ? (ctx.pendingActive ?? ctx.status.blueGreen?.activeSelector)
    : undefined;
  const settled = [...ctx.olderRSs].find((rs) => hashOf(rs) === (active ?? ctx.status.stableRS));
  const targets: Array<[ReplicaSet, EphemeralMetadata]> = [
    [newRS, desiredNewReplicaSetMetadata(rollout, ctx.newHash, ctx.status.stableRS, active)],
  ];
  if (settled && settled !== newRS)
    targets.push([settled, fromSpec(roleMetadata(rollout).settled)]);
  for (const rs of ctx.olderRSs) if (rs !== settled && rs !== stableRS) targets.push([rs, NONE]);
  if (stableRS && stableRS !== newRS && stableRS !== settled) targets.push([stableRS, NONE]);
  for (const [rs, wanted] of targets) syncReplicaSet(ctx, rs, wanted);
}

function syncReplicaSet(ctx: PlanContext, rs: ReplicaSet, wanted: EphemeralMetadata): void {
  const had = parseEphemeralMetadata(rs);
  const hash = hashOf(rs);
  // Pods before the RS: the RS annotation is what remembers which keys to remove, so it is only
  // rewritten once every pod was patched; a pass that fails half-way is redone in full. Pods are
  // also checked when nothing changed, which repairs one that missed an earlier pass.
  for (const pod of ctx.o.pods ?? []) {
    if (
      !hash ||
      pod.metadata.deletionTimestamp ||
      pod.metadata.labels?.[LABELS.podTemplateHash] !== hash
    )
      continue;
    const patch = computeMetadataPatch(pod.metadata, had, wanted);
    if (patch)
      ctx.actions.push({ kind: 'patchPod', name: pod.metadata.name, patch: { metadata: patch } });
  }
  if (sameMetadata(had, wanted)) return;
  const template = computeMetadataPatch(rs.spec.template?.metadata, had, wanted);
  ctx.actions.push({
    kind: 'patchReplicaSet',
    name: rs.metadata.name,
    patch: {
      metadata: {
        annotations: {
          [ANNOTATIONS.ephemeralMetadata]: serializeEphemeralMetadata(wanted) ?? null,
        },
      },
      ...(template ? { spec: { template: { metadata: template } } } : {}),
    },
  });
}
