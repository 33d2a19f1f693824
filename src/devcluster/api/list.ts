import {
  equalityTerms,
  fieldValue,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  supportedFieldsFor,
  validateFieldSelector,
} from '../selectors/index.js';
import { type ObjectStore, objectKey } from '../store/object-store.js';
import type { KubeObject } from './object-meta.js';
import { type ResourceDef, storageKey } from './resource-def.js';
import { errors } from './status-error.js';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export type ObjectPredicate = (obj: KubeObject) => boolean;

/** Parses label and field selectors into one predicate (400 on bad syntax or unsupported fields). */
export function selectorPredicate(
  def: ResourceDef,
  opts: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>,
): { matches: ObjectPredicate; equalities: Array<[string, string]> } {
  try {
    const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : undefined;
    const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    if (fields)
      validateFieldSelector(fields, supportedFieldsFor(def.crd ? '\0custom' : def.group, def.kind));
    const matches: ObjectPredicate = (obj) =>
      (!labels || matchesLabels(labels, obj.metadata.labels)) &&
      (!fields || matchesFields(fields, (f) => fieldValue(obj, f)));
    return { matches, equalities: labels ? equalityTerms(labels) : [] };
  } catch (e) {
    if (e instanceof SelectorError) throw errors.badRequest(e.message);
    throw e;
  }
}

interface ContinueToken {
  after: string;
  rv: number;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof parsed.after !== 'string' || typeof parsed.rv !== 'number') throw new Error('shape');
    return parsed;
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data or shape');
  }
}

/** A list in key order with optional chunking; continue tokens resume after the last key returned. */
export function listObjects(
  store: ObjectStore,
  def: ResourceDef,
  namespace: string | undefined,
  opts: ListOptions,
): ListResult {
  const { matches, equalities } = selectorPredicate(def, opts);
  let items = store.list(storageKey(def), namespace, equalities).filter(matches);
  const rv = store.currentRevision;
  // An Exact list reads the store as of that resourceVersion; compacted, it is gone (etcd's 410).
  // A kept older one is served at the current revision: this store keeps no past states.
  if (
    opts.resourceVersionMatch === 'Exact' &&
    Number(opts.resourceVersion) < store.oldestResumableRevision
  )
    throw errors.gone('The resourceVersion for the provided list is too old.');
  if (opts.continue) {
    const token = decodeContinue(opts.continue);
    if (token.rv < store.oldestResumableRevision) {
      throw errors.gone(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    items = items.filter(
      (o) => objectKey(o.metadata.namespace, o.metadata.name ?? '') > token.after,
    );
  }
  const limit = opts.limit && opts.limit > 0 ? opts.limit : undefined;
  if (limit === undefined || items.length <= limit) return { items, resourceVersion: String(rv) };
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  const after = last ? objectKey(last.metadata.namespace, last.metadata.name ?? '') : '';
  return {
    items: page,
    resourceVersion: String(rv),
    continue: Buffer.from(JSON.stringify({ after, rv } satisfies ContinueToken)).toString(
      'base64url',
    ),
    remainingItemCount: items.length - limit,
  };
}
