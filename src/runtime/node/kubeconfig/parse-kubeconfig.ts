import { parse } from 'yaml';

/** A named entry of `clusters`, `contexts` or `users`, with the file it came from. */
export interface NamedEntry {
  name: string;
  body: Record<string, unknown>;
  /** The kubeconfig file that defined it: problems name it, relative paths resolve against it. */
  origin: string;
  /** Its field path in that file, e.g. `users[dev].user`. */
  field: string;
}

export interface KubeconfigFile {
  path: string;
  currentContext?: string;
  clusters: NamedEntry[];
  contexts: NamedEntry[];
  users: NamedEntry[];
}

const SECTIONS = [
  ['clusters', 'cluster'],
  ['contexts', 'context'],
  ['users', 'user'],
] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads one kubeconfig document (YAML or JSON) into its named entries. Only the shape is checked
 * here; the fields of the entries a context uses are checked when it is resolved, as kubectl does.
 * An empty file is an empty kubeconfig.
 */
export function parseKubeconfig(
  text: string,
  path: string,
): { file: KubeconfigFile; problems: string[] } {
  const file: KubeconfigFile = { path, clusters: [], contexts: [], users: [] };
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return {
      file,
      problems: [`${path}: not valid YAML: ${(e as Error).message.split('\n')[0] ?? ''}`],
    };
  }
  if (doc === null || doc === undefined) return { file, problems };
  if (!isRecord(doc))
    return {
      file,
      problems: [`${path}: expected a mapping (apiVersion, kind: Config, clusters, …)`],
    };
  const current = doc['current-context'];
  if (typeof current === 'string' && current !== '') file.currentContext = current;
  else if (current !== undefined && current !== null && current !== '')
    problems.push(`${path}: current-context: expected a string`);
  for (const [section, inner] of SECTIONS) {
    const list = doc[section];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      problems.push(`${path}: ${section}: expected a list`);
      continue;
    }
    list.forEach((item: unknown, i) => {
      const name = isRecord(item) ? item.name : undefined;
      if (typeof name !== 'string' || name === '') {
        problems.push(`${path}: ${section}[${i}].name: expected a non-empty string`);
        return;
      }
      const body = (item as Record<string, unknown>)[inner] ?? {};
      if (!isRecord(body)) {
        problems.push(`${path}: ${section}[${name}].${inner}: expected a mapping`);
        return;
      }
      file[section].push({ name, body, origin: path, field: `${section}[${name}].${inner}` });
    });
  }
  return { file, problems };
}
