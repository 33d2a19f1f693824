/** `exact | prefix | regex` string matches (spec §1.3) as routers spell them. */

export type MatchKind = 'exact' | 'prefix' | 'regex';

/** The one set kind of a match (validation already rejects zero or several, §1.11); exact wins ties. */
export function readMatch(
  m: { exact?: string; prefix?: string; regex?: string } | undefined,
): { kind: MatchKind; value: string } | undefined {
  if (m === undefined) return undefined;
  if (m.exact !== undefined && m.exact !== '') return { kind: 'exact', value: m.exact };
  if (m.regex !== undefined && m.regex !== '') return { kind: 'regex', value: m.regex };
  if (m.prefix !== undefined && m.prefix !== '') return { kind: 'prefix', value: m.prefix };
  return undefined;
}

/** A prefix as an anchored regular expression, its metacharacters escaped (`v1.2` matches only a dot). */
export function prefixAsRegex(prefix: string): string {
  return `^${prefix.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}.*`;
}
