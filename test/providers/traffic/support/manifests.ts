import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { KubeObjectJson } from '../../../../src/providers/traffic/types.js';

/** The objects of a multi-document YAML fixture, as JSON (`url` relative to the caller: `new URL('./fixtures/x.yaml', import.meta.url)`). */
export function loadManifests(url: URL): KubeObjectJson[] {
  const docs = parseAllDocuments(readFileSync(url, 'utf8'));
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`${url.pathname}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    const object = value as KubeObjectJson;
    if (
      typeof object.apiVersion !== 'string' ||
      typeof object.kind !== 'string' ||
      typeof object.metadata?.name !== 'string'
    ) {
      throw new Error(`${url.pathname}: every document needs apiVersion, kind and metadata.name`);
    }
    return [object];
  });
}
