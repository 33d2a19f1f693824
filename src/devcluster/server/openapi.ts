import type { ResourceRegistry } from '../api/registry.js';
import type { ResourceDef } from '../api/resource-def.js';
import { PATCH_CONTENT_TYPES } from '../api/apply-patch.js';
import { SERVER_VERSION } from './discovery.js';

/**
 * kubectl's client-side validation downloads /openapi/v2 as protobuf before `apply`/`create`.
 * An empty protobuf message is a valid (empty) gnostic Document: kubectl then finds no schema
 * for any kind and skips client-side validation, leaving validation to the server, which does it.
 */
export function openApiV2(accept: string): { contentType: string; body: Buffer } {
  if (accept.includes('protobuf'))
    return {
      contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
      body: Buffer.alloc(0),
    };
  const doc = {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths: {},
    definitions: {},
  };
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(doc)) };
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openApiV3Root(registry: ResourceRegistry): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const gvs = new Set(registry.all().map((d) => `${d.group}|${d.version}`));
  for (const gv of gvs) {
    const [group = '', version = ''] = gv.split('|');
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=r${registry.revision}` };
  }
  return { paths };
}

function objectPath(def: ResourceDef): string {
  const prefix = `/${gvPath(def.group, def.version)}`;
  return def.namespaced
    ? `${prefix}/namespaces/{namespace}/${def.plural}/{name}`
    : `${prefix}/${def.plural}/{name}`;
}

/**
 * Per group-version OpenAPI v3 documents. kubectl (1.27+) reads them to learn that the server
 * does field validation (the `fieldValidation` query parameter on PATCH), so it sends
 * `fieldValidation=Strict` instead of validating on the client. Strategic merge patch is left
 * out of the advertised content types so kubectl computes apply patches from its built-in types.
 */
export function openApiV3(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const defs = registry.inGroupVersion(group, version);
  if (defs.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const param = (name: string) => ({
    name,
    in: 'query',
    schema: { type: 'string', uniqueItems: true },
  });
  for (const def of defs) {
    const gvk = { group: def.group, version: def.version, kind: def.kind };
    const schemaName = `${def.group ? def.group.split('.').reverse().join('.') : 'io.k8s.api.core'}.${def.version}.${def.kind}`;
    schemas[schemaName] = {
      ...(def.crd?.schema ?? { type: 'object' }),
      'x-kubernetes-group-version-kind': [gvk],
    };
    const ref = { schema: { $ref: `#/components/schemas/${schemaName}` } };
    const content = Object.fromEntries(
      PATCH_CONTENT_TYPES.filter((t) => !t.includes('strategic')).map((t) => [t, ref]),
    );
    paths[objectPath(def)] = {
      parameters: [param('pretty')],
      get: {
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
      put: {
        'x-kubernetes-action': 'put',
        'x-kubernetes-group-version-kind': gvk,
        requestBody: { content: { 'application/json': ref } },
        responses: { '200': { description: 'OK' } },
      },
      patch: {
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        // On the operation, as the API server lists them: kubectl looks for fieldValidation here
        // (and, not finding it, logs under --validate=warn that it cannot warn).
        parameters: [
          param('dryRun'),
          param('fieldManager'),
          param('fieldValidation'),
          param('force'),
        ],
        requestBody: { content },
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas },
  };
}
