import { isoTime } from '../../domain/time.js';
import type { Clock } from '../clock.js';
import {
  checkApplyConfiguration,
  checkPatchedObject,
  checkUnknownFields,
  type FieldValidationRequest,
  strictBodyError,
} from '../field-validation/index.js';
import { strategyFor, type StrategyContext } from '../kinds/index.js';
import type { FieldSet } from '../fields/field-set.js';
import {
  appliedFields,
  type FieldOwnerOptions,
  pruneUnapplied,
  trackWrite,
} from '../fields/track-write.js';
import { ObjectStore } from '../store/object-store.js';
import { applyRequestPatch, type PatchKind } from './apply-patch.js';
import { Deleter, type DeleteOptions } from './deletion.js';
import { type ListOptions, type ListResult, listObjects } from './list.js';
import { cloneJson, isRecord, type KubeObject } from './object-meta.js';
import { ResourceRegistry } from './registry.js';
import { type ResourceDef, apiVersionOf, storageKey } from './resource-def.js';
import { errors, KubeStatusError } from './status-error.js';
import { validateObjectMeta } from './validate-meta.js';
import {
  asObjectOf,
  carryServerMeta,
  randomSuffix,
  sameObject,
  specChanged,
  stripServerMeta,
  tracksGeneration,
} from './write-prep.js';

export interface WriteOptions extends FieldOwnerOptions {
  dryRun?: boolean;
  /** Unknown fields refused, warned of or dropped (HTTP writes); in-process writes skip the check. */
  fieldValidation?: FieldValidationRequest;
}

/** Writes from inside the devcluster (its simulated controllers) name no manager. */
const IN_PROCESS_MANAGER = 'kube-controller-manager';

interface TrackOptions extends UpdateOptions {
  /** Set by server-side apply: the fields its configuration sets. */
  applied?: FieldSet;
}

export interface UpdateOptions extends WriteOptions {
  subresource?: 'status';
}

/** Called after every committed write (CRD registration, simulators react through watches instead). */
export type WriteHook = (
  def: ResourceDef,
  type: 'ADDED' | 'MODIFIED' | 'DELETED',
  obj: KubeObject,
) => void;

const NAMESPACES = { group: '', plural: 'namespaces' };

/**
 * The API server's semantics over the object store: defaulting, validation, generation,
 * status isolation, optimistic concurrency, patches, deletion with finalizers and garbage
 * collection. The HTTP layer and the in-process simulators both go through it.
 */
export class ClusterApi {
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  private readonly deleter: Deleter;
  private readonly hooks: WriteHook[] = [];
  private nextIp = 10;
  /** How often a watch with allowWatchBookmarks gets a BOOKMARK (the API server: a minute). */
  readonly watchBookmarkIntervalMs: number;

  constructor(
    readonly clock: Clock,
    builtins: ResourceDef[],
    opts: { logCapacity?: number; logBytes?: number; watchBookmarkIntervalMs?: number } = {},
  ) {
    this.watchBookmarkIntervalMs = opts.watchBookmarkIntervalMs ?? 60_000;
    this.store = new ObjectStore(opts.logCapacity, undefined, opts.logBytes);
    this.registry = new ResourceRegistry(builtins);
    this.deleter = new Deleter(this);
  }

  onWrite(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  /** The resource at group/version/plural, or the 404 kubectl expects for an unknown type. */
  resource(group: string, version: string, plural: string): ResourceDef {
    const def = this.registry.find(group, version, plural);
    if (!def)
      throw errors.notFoundPath(`${group ? `${group}/` : ''}${version}, Resource=${plural}`);
    return def;
  }

  /** The same object as seen through `def`'s version (CRDs with conversion strategy None). */
  present(def: ResourceDef, obj: KubeObject): KubeObject {
    const apiVersion = apiVersionOf(def);
    return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    const obj = this.store.get(storageKey(def), def.namespaced ? namespace : undefined, name);
    if (!obj) throw errors.notFound(def.group, def.plural, name);
    return this.present(def, obj);
  }

  tryGet(def: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.store.get(storageKey(def), def.namespaced ? namespace : undefined, name);
    return obj ? this.present(def, obj) : undefined;
  }

  list(def: ResourceDef, namespace: string | undefined, opts: ListOptions = {}): ListResult {
    const result = listObjects(this.store, def, def.namespaced ? namespace : undefined, opts);
    return { ...result, items: result.items.map((o) => this.present(def, o)) };
  }

  create(
    def: ResourceDef,
    namespace: string | undefined,
    body: unknown,
    opts: TrackOptions = {},
  ): KubeObject {
    let draft = cloneJson(asObjectOf(def, body));
    if (opts.fieldValidation)
      draft = checkUnknownFields(def, draft, undefined, opts.fieldValidation, (fields) =>
        strictBodyError(def, fields),
      );
    const meta = draft.metadata;
    if (def.namespaced) {
      if (meta.namespace !== undefined && namespace !== undefined && meta.namespace !== namespace) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace ?? meta.namespace ?? 'default';
      this.assertNamespaceWritable(meta.namespace);
    } else {
      delete meta.namespace;
    }
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      throw errors.badRequest('resourceVersion should not be set on objects to be created');
    }
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    stripServerMeta(draft);
    delete meta.resourceVersion;
    meta.uid = crypto.randomUUID();
    meta.creationTimestamp = isoTime(this.clock.now());
    if (tracksGeneration(def)) meta.generation = 1;
    const strategy = strategyFor(def);
    const ctx = this.strategyContext(def);
    if (def.statusSubresource) delete draft.status;
    strategy.defaults?.(draft, ctx);
    strategy.onCreate?.(draft, ctx);
    this.validate(def, draft, undefined);
    if (this.store.get(storageKey(def), meta.namespace, meta.name ?? ''))
      throw errors.alreadyExists(def.group, def.plural, meta.name ?? '');
    meta.managedFields = this.track(def, undefined, draft, opts);
    if (opts.dryRun) return this.present(def, draft);
    const stored = this.store.insert(storageKey(def), this.toStorage(def, draft));
    this.fire(def, 'ADDED', stored);
    return this.present(def, stored);
  }

  update(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    body: unknown,
    opts: TrackOptions = {},
  ): KubeObject {
    const current = this.get(def, namespace, name);
    let incoming = asObjectOf(def, body);
    if (opts.fieldValidation)
      incoming = checkUnknownFields(def, incoming, current, opts.fieldValidation, (fields) =>
        strictBodyError(def, fields),
      );
    if (incoming.metadata.name !== undefined && incoming.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(incoming.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    this.checkResourceVersion(def, current, incoming.metadata.resourceVersion);
    let draft: KubeObject;
    if (opts.subresource === 'status') {
      // A status write changes status only (spec §1.9 relies on this isolation).
      draft = cloneJson(current);
      if (incoming.status === undefined) delete draft.status;
      else draft.status = cloneJson(incoming.status);
      // Defaulting and (for custom resources) pruning apply to status writes too.
      strategyFor(def).defaults?.(draft, this.strategyContext(def));
    } else {
      draft = cloneJson(incoming);
      draft.metadata.namespace = current.metadata.namespace;
      draft.metadata.name = name;
      carryServerMeta(draft, current);
      if (def.statusSubresource) {
        if (current.status === undefined) delete draft.status;
        else draft.status = cloneJson(current.status);
      }
      const strategy = strategyFor(def);
      const ctx = this.strategyContext(def);
      strategy.defaults?.(draft, ctx);
      strategy.onUpdate?.(draft, current, ctx);
      if (current.metadata.deletionTimestamp) {
        const added = (draft.metadata.finalizers ?? []).filter(
          (f) => !(current.metadata.finalizers ?? []).includes(f),
        );
        if (added.length) {
          throw errors.invalid(def.kind, def.group, name, [
            {
              field: 'metadata.finalizers',
              reason: 'FieldValueForbidden',
              message: `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
            },
          ]);
        }
      }
      if (tracksGeneration(def) && specChanged(def, draft, current))
        draft.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    draft.metadata.resourceVersion = current.metadata.resourceVersion;
    this.validate(def, draft, current);
    draft.metadata.managedFields = this.track(def, current, draft, opts);
    if (sameObject(draft, current)) return current;
    if (opts.dryRun) return this.present(def, draft);
    const stored = this.store.replace(storageKey(def), this.toStorage(def, draft));
    this.fire(def, 'MODIFIED', stored);
    this.deleter.finalizeIfReady(def, stored);
    return this.present(def, stored);
  }

  /**
   * PATCH of every type kubectl and client libraries send. Server-side apply creates a missing
   * object and otherwise merges the applied configuration into the live one.
   */
  patch(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    kind: PatchKind,
    patchBody: unknown,
    opts: UpdateOptions = {},
  ): KubeObject {
    const current = this.tryGet(def, namespace, name);
    const { fieldValidation, ...rest } = opts;
    if (kind === 'apply' && fieldValidation)
      checkApplyConfiguration(def, name, patchBody, fieldValidation);
    if (!current) {
      if (kind !== 'apply' || opts.subresource) throw errors.notFound(def.group, def.plural, name);
      const body = asObjectOf(def, patchBody);
      if (body.metadata.name !== undefined && body.metadata.name !== name) {
        throw errors.badRequest(
          `the name of the object (${String(body.metadata.name)}) does not match the name on the URL (${name})`,
        );
      }
      const applied = appliedFields(def, body);
      return this.create(
        def,
        namespace,
        { ...body, metadata: { ...body.metadata, name } },
        { ...rest, applied },
      );
    }
    let patched = applyRequestPatch(def, current, kind, patchBody);
    if (kind !== 'apply' && fieldValidation)
      patched = checkPatchedObject(def, kind, patchBody, patched, current, fieldValidation);
    if (!isRecord(patched) || !isRecord(patched.metadata))
      throw errors.badRequest('the patch removed the object metadata');
    if (kind !== 'apply') return this.update(def, namespace, name, patched, rest);
    const applied = appliedFields(def, patchBody, opts.subresource);
    pruneUnapplied(def, current, patched as KubeObject, applied, opts.fieldManager ?? '');
    return this.update(def, namespace, name, patched, { ...rest, applied });
  }

  /** The managedFields of a write (server-side apply's conflicts are its 409s). */
  private track(
    def: ResourceDef,
    live: KubeObject | undefined,
    draft: KubeObject,
    opts: TrackOptions,
  ): KubeObject['metadata']['managedFields'] {
    return trackWrite(
      def,
      live,
      draft,
      {
        manager: opts.fieldManager ?? IN_PROCESS_MANAGER,
        ...(opts.subresource ? { subresource: opts.subresource } : {}),
        time: isoTime(this.clock.now()),
      },
      opts.applied ? { fields: opts.applied, force: opts.force ?? false } : undefined,
    );
  }

  delete(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): KubeObject {
    return this.deleter.delete(def, namespace, name, opts);
  }

  deleteCollection(
    def: ResourceDef,
    namespace: string | undefined,
    listOpts: ListOptions,
    opts: DeleteOptions = {},
  ): KubeObject[] {
    const { items } = this.list(def, namespace, listOpts);
    return items.map((o) => this.delete(def, o.metadata.namespace, o.metadata.name ?? '', opts));
  }

  /** Where a write landed, for hooks and the deleter. */
  fire(def: ResourceDef, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void {
    for (const hook of this.hooks) hook(def, type, obj);
  }

  assertNamespaceWritable(namespace: string): void {
    const ns = this.store.get(storageKey(NAMESPACES), undefined, namespace);
    if (!ns) throw errors.notFound('', 'namespaces', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new KubeStatusError(
        403,
        'Forbidden',
        `${namespace} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private checkResourceVersion(def: ResourceDef, current: KubeObject, rv: unknown): void {
    if (rv === undefined || rv === '') {
      // Custom resources refuse unconditional updates (apiextensions strategy).
      if (def.crd) {
        throw errors.invalid(def.kind, def.group, current.metadata.name ?? '', [
          {
            field: 'metadata.resourceVersion',
            message:
              'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
          },
        ]);
      }
      return;
    }
    if (String(rv) !== current.metadata.resourceVersion)
      throw errors.conflict(def.group, def.plural, current.metadata.name ?? '');
  }

  private validate(def: ResourceDef, obj: KubeObject, old: KubeObject | undefined): void {
    const strategy = strategyFor(def);
    const causes = [
      ...validateObjectMeta(obj, { nameIsLabel: strategy.nameIsLabel ?? false }),
      ...(strategy.validate?.(obj, old, this.strategyContext(def)) ?? []),
    ];
    if (causes.length) throw errors.invalid(def.kind, def.group, obj.metadata.name ?? '', causes);
  }

  private strategyContext(def: ResourceDef): StrategyContext {
    return {
      now: this.clock.now(),
      def,
      allocateClusterIp: () => {
        const n = this.nextIp++;
        return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
      },
    };
  }

  /** Custom resources are stored at their storage version, like the API server does. */
  private toStorage(def: ResourceDef, obj: KubeObject): KubeObject {
    const storage = def.crd?.storageVersion;
    if (!storage || storage === def.version) return obj;
    return { ...obj, apiVersion: `${def.group}/${storage}` };
  }
}
