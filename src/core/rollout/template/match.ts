import { ANNOTATIONS, LABELS } from '../../../domain/index.js';
import type { PodTemplateSpec, ReplicaSet, Rollout } from '../../../domain/index.js';
import { isRecord } from '../../../domain/json.js';
import { defaultPodTemplate } from '../../../domain/pod-defaults.js';
import { removeInjectedAntiAffinity } from './anti-affinity.js';
import { canonicalJson } from './canonical-json.js';
import { parseEphemeralMetadata } from './ephemeral-metadata.js';
import { computePodTemplateHash } from './hash.js';

type TemplateMeta = NonNullable<PodTemplateSpec['metadata']>;

/** Deletes `keys` from `meta[field]`; a map emptied by that is removed too. */
function dropKeys(
  meta: TemplateMeta | undefined,
  field: 'labels' | 'annotations',
  keys: readonly string[],
): void {
  const map = meta?.[field];
  if (!meta || !isRecord(map)) return;
  const before = Object.keys(map).length;
  for (const key of keys) delete map[key];
  const after = Object.keys(map).length;
  if (after === 0 && before > 0) delete meta[field];
}

/**
 * A copy of `template` without what the controller injects into RS templates (spec §1.6, §10.16):
 * the `rollouts-pod-template-hash` label, the ephemeral metadata keys recorded in `rs`'s
 * `rollout.argoproj.io/ephemeral-metadata` annotation, and the injected pod anti-affinity term.
 * Recorded keys are removed whatever their value: while recorded, the controller owns them.
 */
export function stripInjected(template: PodTemplateSpec, rs?: ReplicaSet): PodTemplateSpec {
  const out = structuredClone(template);
  const ephemeral = parseEphemeralMetadata(rs);
  dropKeys(out.metadata, 'labels', [LABELS.podTemplateHash, ...Object.keys(ephemeral.labels)]);
  dropKeys(out.metadata, 'annotations', Object.keys(ephemeral.annotations));
  if (isRecord(out.spec)) removeInjectedAntiAffinity(out.spec);
  return out;
}

/**
 * Canonical text of a template for comparison. Takes ownership of `template` (mutates it): applies
 * the API server's pod defaults, drops `creationTimestamp` and empty label/annotation maps, and folds
 * the deprecated `serviceAccount` alias into `serviceAccountName` (the API server copies one to the
 * other, so only the name counts).
 */
function comparableText(template: PodTemplateSpec): string {
  defaultPodTemplate(template);
  const meta = template.metadata;
  if (meta) {
    delete meta.creationTimestamp;
    if (isRecord(meta.labels) && Object.keys(meta.labels).length === 0) delete meta.labels;
    if (isRecord(meta.annotations) && Object.keys(meta.annotations).length === 0)
      delete meta.annotations;
  }
  const spec = template.spec;
  if (isRecord(spec)) {
    const alias = spec.serviceAccount;
    if (typeof alias === 'string' && alias !== '' && !spec.serviceAccountName)
      spec.serviceAccountName = alias;
    delete spec.serviceAccount;
  }
  return canonicalJson(template);
}

/**
 * Semantic equality of the desired template and an RS template (spec §8.1 step 3): pod defaults
 * applied, injected pieces stripped, `serviceAccount` and `creationTimestamp` ignored. Stripping is
 * applied to both sides, so a label the RS records as ephemeral shadows the user's own value for the
 * same key (the controller overwrote it on that RS) instead of making the templates differ forever.
 */
export function templatesEqual(
  desired: PodTemplateSpec,
  rsTemplate: PodTemplateSpec,
  rs?: ReplicaSet,
): boolean {
  return (
    comparableText(stripInjected(desired, rs)) === comparableText(stripInjected(rsTemplate, rs))
  );
}

/** The RS's `rollout.argoproj.io/revision` as a non-negative integer; 0 when absent or malformed. */
export function replicaSetRevision(rs: ReplicaSet): number {
  const raw = rs.metadata.annotations?.[ANNOTATIONS.revision];
  if (raw === undefined || !/^[0-9]+$/.test(raw)) return 0;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : 0;
}

/**
 * A new array, oldest revision first. Equal revisions are ordered by creation time, then name, so
 * the order never depends on the order the API listed the objects in.
 */
export function sortByRevision(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort(
    (a, b) =>
      replicaSetRevision(a) - replicaSetRevision(b) ||
      compareText(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') ||
      compareText(a.metadata.name, b.metadata.name),
  );
}

/** Code-unit order, independent of locale (RFC 3339 UTC timestamps sort correctly as text). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function newest(rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return sortByRevision(rss).at(-1);
}

/**
 * The rollout's new RS (spec §8.1 step 3): the one labelled with the hash of `spec.template` and
 * `status.collisionCount`; failing that (an RS made by another hash implementation or version), one
 * whose template is semantically equal. Several candidates ⇒ the newest revision. No template
 * (unresolved workloadRef) ⇒ none.
 */
export function findNewReplicaSet(
  rollout: Rollout,
  rss: readonly ReplicaSet[],
): ReplicaSet | undefined {
  const template = rollout.spec.template;
  if (!template) return undefined;
  const hash = computePodTemplateHash(template, rollout.status?.collisionCount);
  const byLabel = rss.filter((rs) => rs.metadata.labels?.[LABELS.podTemplateHash] === hash);
  if (byLabel.length > 0) return newest(byLabel);
  return newest(
    rss.filter(
      (rs) => rs.spec.template !== undefined && templatesEqual(template, rs.spec.template, rs),
    ),
  );
}
