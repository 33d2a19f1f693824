import type { PatchKind } from '../api/apply-patch.js';
import type { DeleteOptions } from '../api/deletion.js';
import type { ListOptions } from '../api/list.js';
import { isRecord } from '../api/object-meta.js';
import { errors, KubeStatusError } from '../api/status-error.js';
import { fieldError, formatFieldError } from '../schema/field-error.js';
import type { FieldError } from '../schema/types.js';
import { goQuote, parseGoInt64, parseQueryBool, parseQueryInt64 } from './query-values.js';
import type { IncludeObject } from './render.js';
import type { FieldValidation } from '../field-validation/index.js';

/**
 * The meta.k8s.io options of each verb, decoded from the query as the API server's parameter codec
 * does (every field, in field order, first failure a 400) and then validated as
 * k8s.io/apimachinery/pkg/apis/meta/{internalversion,v1}/validation do (all failures at once, a
 * 422 naming the options kind).
 */

export interface ParsedListOptions extends ListOptions {
  watch: boolean;
  allowWatchBookmarks: boolean;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  /** Absent means the API server's default for create, update and patch: Warn. */
  fieldValidation?: FieldValidation;
}

export interface PatchOptions extends WriteOptions {
  force?: boolean;
}

/** NewInvalid over field errors: causes carry the error body, the message `field: body`. */
export function invalidOptions(
  kind: string,
  errs: FieldError[],
  at: { group?: string; name?: string } = { group: 'meta.k8s.io' },
): KubeStatusError {
  const messages = errs.map(formatFieldError);
  const joined = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const qualified = at.group ? `${kind}.${at.group}` : kind;
  return new KubeStatusError(
    422,
    'Invalid',
    `${qualified} ${JSON.stringify(at.name ?? '')} is invalid: ${joined}`,
    {
      ...(at.name ? { name: at.name } : {}),
      ...(at.group ? { group: at.group } : {}),
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
    },
  );
}

function throwIfAny(kind: string, errs: FieldError[]): void {
  if (errs.length > 0) throw invalidOptions(kind, errs);
}

const queryString = (q: URLSearchParams, name: string) => q.get(name) ?? undefined;

/** ListOptions for list, watch and deletecollection (internalversion/validation ValidateListOptions). */
export function parseListOptions(q: URLSearchParams): ParsedListOptions {
  const opts: ParsedListOptions = {
    ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') ?? '' } : {}),
    ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') ?? '' } : {}),
    watch: parseQueryBool(q, 'watch') ?? false,
    allowWatchBookmarks: parseQueryBool(q, 'allowWatchBookmarks') ?? false,
  };
  const rv = queryString(q, 'resourceVersion');
  const match = queryString(q, 'resourceVersionMatch');
  const timeoutSeconds = parseQueryInt64(q, 'timeoutSeconds');
  const limit = q.get('limit') === null ? 0 : parseGoInt64(q.get('limit') ?? '');
  const cont = queryString(q, 'continue');
  const sendInitialEvents = parseQueryBool(q, 'sendInitialEvents');
  Object.assign(opts, {
    ...(rv !== undefined ? { resourceVersion: rv } : {}),
    ...(match ? { resourceVersionMatch: match } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(limit > 0 ? { limit } : {}),
    ...(cont ? { continue: cont } : {}),
    ...(sendInitialEvents !== undefined ? { sendInitialEvents } : {}),
  });
  throwIfAny('ListOptions', opts.watch ? watchOptionErrors(opts) : listOptionErrors(opts));
  return opts;
}

function listOptionErrors(o: ParsedListOptions): FieldError[] {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (match) {
    if (!o.resourceVersion)
      errs.push(
        fieldError.forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        ),
      );
    if (o.continue)
      errs.push(
        fieldError.forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        ),
      );
    if (match !== 'Exact' && match !== 'NotOlderThan')
      errs.push(
        fieldError.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']),
      );
    if (match === 'Exact' && o.resourceVersion === '0') {
      errs.push(
        fieldError.forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
        ),
      );
    }
  }
  if (o.sendInitialEvents !== undefined)
    errs.push(fieldError.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errs;
}

/** The WatchList feature gate is on in the API server this devcluster follows (1.32+). */
function watchOptionErrors(o: ParsedListOptions): FieldError[] {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
    errs.push(
      fieldError.forbidden(
        'resourceVersionMatch',
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      ),
    );
  }
  if (match) {
    if (o.sendInitialEvents === undefined)
      errs.push(
        fieldError.forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        ),
      );
    if (match !== 'NotOlderThan')
      errs.push(fieldError.notSupported('resourceVersionMatch', match, ['NotOlderThan']));
    if (o.continue)
      errs.push(
        fieldError.forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        ),
      );
  }
  return errs;
}

const FIELD_MANAGER_MAX = 128;
const FIELD_VALIDATION = ['', 'Ignore', 'Strict', 'Warn'];

/** ValidateDryRun: every value must be "All"; the bad value prints as the whole list. */
function dryRunErrors(values: string[]): FieldError[] {
  if (values.every((v) => v === 'All')) return [];
  return [
    {
      type: 'FieldValueNotSupported',
      field: 'dryRun',
      message: `Unsupported value: ${JSON.stringify(values)}: supported values: "All"`,
      badValue: values,
    },
  ];
}

/** ValidateFieldManager: at most 128 bytes, printable characters only. */
function fieldManagerErrors(manager: string): FieldError[] {
  const errs: FieldError[] = [];
  if (Buffer.byteLength(manager) > FIELD_MANAGER_MAX) {
    errs.push({
      type: 'FieldValueTooLong',
      field: 'fieldManager',
      message: `Too long: may not be more than ${FIELD_MANAGER_MAX} bytes`,
    });
  }
  let at = 0;
  for (const ch of manager) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      const message = `Invalid value: ${goQuote(manager)}: invalid character U+${hex} (at position ${at})`;
      errs.push({ type: 'FieldValueInvalid', field: 'fieldManager', message, badValue: manager });
    }
    at += Buffer.byteLength(ch);
  }
  return errs;
}

function writeOptionsFrom(q: URLSearchParams): { options: WriteOptions; errs: FieldError[] } {
  const dryRun = q.getAll('dryRun');
  const fieldManager = q.get('fieldManager') ?? '';
  const fieldValidation = q.get('fieldValidation') ?? '';
  const errs = [
    ...fieldManagerErrors(fieldManager),
    ...dryRunErrors(dryRun),
    ...(FIELD_VALIDATION.includes(fieldValidation)
      ? []
      : [fieldError.notSupported('fieldValidation', fieldValidation, FIELD_VALIDATION)]),
  ];
  const options = {
    dryRun: dryRun.length > 0,
    ...(fieldManager ? { fieldManager } : {}),
    ...(fieldValidation ? { fieldValidation: fieldValidation as FieldValidation } : {}),
  };
  return { options, errs };
}

/** CreateOptions or UpdateOptions. */
export function parseWriteOptions(
  q: URLSearchParams,
  kind: 'CreateOptions' | 'UpdateOptions',
): WriteOptions {
  const { options, errs } = writeOptionsFrom(q);
  throwIfAny(kind, errs);
  return options;
}

/** PatchOptions: an apply patch needs a fieldManager; `force` belongs to apply alone. */
export function parsePatchOptions(q: URLSearchParams, patch: PatchKind): PatchOptions {
  const force = parseQueryBool(q, 'force');
  const { options, errs } = writeOptionsFrom(q);
  const own: FieldError[] = [];
  if (patch === 'apply') {
    if (!options.fieldManager)
      own.push(fieldError.required('fieldManager', 'is required for apply patch'));
  } else if (force !== undefined)
    own.push(fieldError.forbidden('force', 'may not be specified for non-apply patch'));
  throwIfAny('PatchOptions', [...own, ...errs]);
  return { ...options, ...(force !== undefined ? { force } : {}) };
}

const PROPAGATION = ['Foreground', 'Background', 'Orphan'];

interface RawDeleteOptions {
  propagationPolicy?: unknown;
  orphanDependents?: boolean;
  dryRun: string[];
  preconditions?: DeleteOptions['preconditions'];
}

/** Convert_url_Values_To_v1_DeleteOptions: uid and resourceVersion become preconditions. */
function deleteOptionsFromQuery(q: URLSearchParams): RawDeleteOptions {
  parseQueryInt64(q, 'gracePeriodSeconds'); // decoded (a bad number is a 400); nothing here is graceful
  const orphanDependents = parseQueryBool(q, 'orphanDependents');
  parseQueryBool(q, 'ignoreStoreReadErrorWithClusterBreakingPotential');
  const uid = q.get('uid');
  const rv = q.get('resourceVersion');
  return {
    ...(q.get('propagationPolicy') !== null
      ? { propagationPolicy: q.get('propagationPolicy') }
      : {}),
    ...(orphanDependents !== undefined ? { orphanDependents } : {}),
    dryRun: q.getAll('dryRun'),
    ...(uid || rv
      ? { preconditions: { ...(uid ? { uid } : {}), ...(rv ? { resourceVersion: rv } : {}) } }
      : {}),
  };
}

function deleteOptionsFromBody(b: Record<string, unknown>): RawDeleteOptions {
  return {
    ...(b.propagationPolicy !== undefined && b.propagationPolicy !== null
      ? { propagationPolicy: b.propagationPolicy }
      : {}),
    ...(typeof b.orphanDependents === 'boolean' ? { orphanDependents: b.orphanDependents } : {}),
    dryRun: Array.isArray(b.dryRun) ? b.dryRun.map(String) : [],
    ...(isRecord(b.preconditions)
      ? { preconditions: b.preconditions as DeleteOptions['preconditions'] }
      : {}),
  };
}

/**
 * DeleteOptions from the body when there is one, else from the query (never both, as the API
 * server reads them), validated as ValidateDeleteOptions does.
 */
export function parseDeleteOptions(q: URLSearchParams, body: unknown): DeleteOptions {
  const raw =
    body === undefined
      ? deleteOptionsFromQuery(q)
      : deleteOptionsFromBody(isRecord(body) ? body : {});
  const errs: FieldError[] = [];
  const policy = raw.propagationPolicy;
  if (raw.orphanDependents !== undefined && policy !== undefined) {
    errs.push(
      fieldError.invalid(
        'propagationPolicy',
        policy,
        'orphanDependents and deletionPropagation cannot be both set',
      ),
    );
  }
  if (policy !== undefined && !PROPAGATION.includes(policy as string)) {
    errs.push(fieldError.notSupported('propagationPolicy', policy, [...PROPAGATION, 'nil']));
  }
  errs.push(...dryRunErrors(raw.dryRun));
  throwIfAny('DeleteOptions', errs);
  const resolved =
    (policy as DeleteOptions['propagationPolicy']) ?? (raw.orphanDependents ? 'Orphan' : undefined);
  return {
    ...(resolved ? { propagationPolicy: resolved } : {}),
    ...(raw.preconditions ? { preconditions: raw.preconditions } : {}),
    dryRun: raw.dryRun.length > 0,
  };
}

/** TableOptions.includeObject, read only when a Table was asked for (ValidateTableOptions). */
export function parseIncludeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw errors.badRequest(
    `Unable to convert to Table as requested: ${formatFieldError(fieldError.invalid('includeObject', v, "must be 'Metadata', 'Object', 'None', or empty"))}`,
  );
}
