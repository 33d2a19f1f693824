import type { ResourceDef } from '../api/resource-def.js';
import { fieldMeta, type PatchSchema, strategicSchemaFor } from '../patch/index.js';
import type { JSONSchemaProps } from '../schema/index.js';

/**
 * What server-side apply needs to know about a value to split it into owned fields: whether it
 * is owned as a whole (atomic), and how a list's items are told apart. Anything not described is a
 * granular object, or an atomic list, as structured-merge-diff treats untyped values.
 */
export interface FieldShape {
  atomic?: boolean;
  /** A keyed list (`x-kubernetes-list-type: map`): the fields that name an item. */
  listKeys?: readonly string[];
  /** A set of scalars (`x-kubernetes-list-type: set`). */
  set?: boolean;
  /** The shape of a list's items. */
  items?: FieldShape;
  field?(name: string): FieldShape | undefined;
}

const objectMetaShape: FieldShape = {
  field: (name) =>
    name === 'ownerReferences'
      ? { listKeys: ['uid'], items: {} }
      : name === 'finalizers'
        ? { set: true }
        : undefined,
};

/** The shape of a whole object of this resource: its metadata, then the kind's own fields. */
export function shapeOf(def: ResourceDef): FieldShape {
  const body = def.crd
    ? schemaShape(def.crd.schema)
    : patchSchemaShape(strategicSchemaFor(def.group, def.kind));
  return { field: (name) => (name === 'metadata' ? objectMetaShape : body.field?.(name)) };
}

function patchSchemaShape(schema: PatchSchema | undefined): FieldShape {
  return {
    field(name) {
      const meta = fieldMeta(schema, name);
      if (!meta) return undefined;
      if (meta.atomic) return { atomic: true };
      if (meta.mergeKey)
        return {
          listKeys: meta.listMapKeys ?? [meta.mergeKey],
          items: patchSchemaShape(meta.items),
        };
      if (meta.strategy === 'merge') return { set: true };
      return meta.fields ? patchSchemaShape(meta.fields) : undefined;
    },
  };
}

function schemaShape(schema: JSONSchemaProps | undefined): FieldShape {
  if (!schema) return {};
  if (schema['x-kubernetes-map-type'] === 'atomic') return { atomic: true };
  if (schema.type === 'array') {
    const listType = schema['x-kubernetes-list-type'];
    if (listType === 'map')
      return {
        listKeys: schema['x-kubernetes-list-map-keys'] ?? [],
        items: schemaShape(schema.items),
      };
    return listType === 'set' ? { set: true } : { atomic: true };
  }
  const extra = schema.additionalProperties;
  return {
    field: (name) => {
      const own = schema.properties?.[name];
      if (own && Object.hasOwn(schema.properties ?? {}, name)) return schemaShape(own);
      return typeof extra === 'object' ? schemaShape(extra) : undefined;
    },
  };
}
