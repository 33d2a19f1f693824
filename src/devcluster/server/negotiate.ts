/** What representation the client asked for in Accept (kubectl asks for Tables when printing). */
export type Representation =
  | { as: 'object' }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata'; version: 'v1' | 'v1beta1' };

export function negotiate(accept: string | undefined): Representation {
  for (const clause of (accept ?? '').split(',')) {
    const [type, ...params] = clause.split(';').map((s) => s.trim());
    const p = Object.fromEntries(
      params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]),
    );
    if (type !== 'application/json' && type !== '*/*') continue;
    if (p.as === undefined) return { as: 'object' };
    if (p.g !== 'meta.k8s.io' || (p.v !== 'v1' && p.v !== 'v1beta1')) continue;
    if (p.as === 'Table') return { as: 'Table', version: p.v };
    if (p.as === 'PartialObjectMetadata' || p.as === 'PartialObjectMetadataList')
      return { as: 'PartialObjectMetadata', version: p.v };
  }
  return { as: 'object' };
}

/** A client that only accepts protobuf (or another format we do not speak) gets 406. */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((c) => {
    const type = c.split(';')[0]?.trim() ?? '';
    return type === 'application/json' || type === '*/*' || type === 'application/*' || type === '';
  });
}
