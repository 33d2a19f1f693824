/** Fixture access for the router tests, over the conformance suite's loader. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KubeObjectJson } from '../../../../src/providers/traffic/types.js';
import { loadManifests } from '../support/manifests.js';

/** The objects of `<dir>/fixtures/<file>`. */
export function loadFixture(dir: string, file: string): KubeObjectJson[] {
  return loadManifests(pathToFileURL(join(dir, 'fixtures', file)));
}

/** The one object of a kind (and name, when given) among `objects`, as a copy. */
export function pick(
  objects: Iterable<KubeObjectJson>,
  kind: string,
  name?: string,
): KubeObjectJson {
  const found = [...objects].find(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found === undefined) throw new Error(`no ${kind}${name === undefined ? '' : ` ${name}`}`);
  return structuredClone(found);
}
