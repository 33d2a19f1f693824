// The Release CRD (manifests/crds/release.yaml) holds every status the planner writes: nothing
// pruned, nothing refused, so a handler that re-reads its Release continues from what it wrote.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../../src/devcluster/api/object-meta.js';
import { resourceDefsForCrd } from '../../../src/devcluster/kinds/crd.js';
import {
  checkStructural,
  pruneUnknownFields,
  validateAgainstSchema,
  type JSONSchemaProps,
} from '../../../src/devcluster/schema/index.js';
import { RELEASE_RESOURCE, type Release, type StopSwitch } from '../../../src/domain/fleet.js';
import { MIN, T0, aRelease, aWave, applied, healthy, step } from './release-builders.js';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../manifests/crds/release.yaml');
const crd = parse(readFileSync(FILE, 'utf8')) as {
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; plural: string };
    versions: { schema: { openAPIV3Schema: JSONSchemaProps } }[];
  };
};
const schema = crd.spec.versions[0]?.schema.openAPIV3Schema as JSONSchemaProps;

const stop: StopSwitch = {
  scope: 'fleet',
  by: 'alice',
  reason: 'incident',
  at: '2026-01-05T09:00:00Z',
};

/** Releases whose statuses use every field: held, lockstep-promoted, failed with aborts, soaking, superseded. */
function richReleases(): Release[] {
  const lockstep = aRelease({
    waves: [aWave(['a', 'b'], { lockstep: true }), aWave(['c'], { soakSeconds: 600 })],
    onFailure: 'abortAll',
  });
  const paused = { phase: 'Paused' as const, paused: true, stepIndex: 1 };
  const first = step(lockstep, {}).release;
  const promoted = step(first, {
    observed: [applied('a', paused), applied('b', paused)],
    now: T0 + MIN,
  }).release;
  const held = step(promoted, {
    observed: [applied('a'), applied('b')],
    now: T0 + 2 * MIN,
    stops: [stop],
  }).release;
  const failed = step(held, {
    observed: [applied('a', { phase: 'Degraded' }), applied('b')],
    now: T0 + 3 * MIN,
  }).release;
  const soaking = step(
    step(aRelease({ waves: [aWave(['a'], { soakSeconds: 600 }), aWave(['c'])] }), {}).release,
    {
      observed: [healthy('a')],
      now: T0 + MIN,
    },
  ).release;
  const superseded = step(
    { ...soaking, spec: { ...soaking.spec, supersededBy: 'beef' } },
    { now: T0 + 2 * MIN },
  ).release;
  return [promoted, held, failed, soaking, superseded];
}

describe('the Release CRD', () => {
  it('is our own group and kind, structural, and served with a status subresource', () => {
    expect(crd.metadata.name).toBe(`${RELEASE_RESOURCE.plural}.${RELEASE_RESOURCE.group}`);
    expect(crd.spec.names.kind).toBe(RELEASE_RESOURCE.kind);
    expect(checkStructural(schema)).toEqual([]);
    const [def] = resourceDefsForCrd(structuredClone(crd) as unknown as KubeObject);
    expect(def).toMatchObject({ plural: 'releases', namespaced: true, statusSubresource: true });
  });

  it.each(richReleases().map((r) => [r.status?.phase, r] as const))(
    'a %s release is valid and nothing of it is pruned',
    (_phase, release) => {
      const obj = {
        apiVersion: `${RELEASE_RESOURCE.group}/${RELEASE_RESOURCE.version}`,
        kind: 'Release',
        ...release,
      };
      expect(validateAgainstSchema(obj, schema)).toEqual([]);
      expect(pruneUnknownFields(structuredClone(obj), schema)).toEqual(obj);
    },
  );

  it('the rich releases do use the fields they stand for', () => {
    const text = JSON.stringify(richReleases().map((r) => r.status));
    for (const field of [
      'promotedStep',
      'held',
      'abortRequested',
      'heldBy',
      'failure',
      'soakUntil',
      'supersededBy',
    ])
      expect(text, field).toContain(`"${field}"`);
  });

  it('refuses a state the planner never writes', () => {
    const [release] = richReleases();
    const bad = structuredClone(release) as Release;
    (bad.status?.waves[0]?.clusters[0] as { state: string }).state = 'exploded';
    expect(validateAgainstSchema(bad, schema)).not.toEqual([]);
  });
});
