import type { ClusterApi } from '../api/cluster-api.js';
import type { KubeObject } from '../api/object-meta.js';
import type { ResourceDef } from '../api/resource-def.js';
import { errors } from '../api/status-error.js';

export interface SimOptions {
  /** Seconds from scheduling to Ready for pods without their own annotation. */
  podReadySeconds: number;
  /** Pods the simulated node holds; controllers stop creating past it (FailedCreate), like a quota. */
  maxPods: number;
  report: (message: string) => void;
}

/** What every simulated controller needs: the API, its options and built-in resource lookups. */
export class SimContext {
  constructor(
    readonly api: ClusterApi,
    readonly opts: SimOptions,
  ) {}

  def(group: string, version: string, plural: string): ResourceDef {
    const def = this.api.registry.find(group, version, plural);
    if (!def) throw errors.internal(`built-in resource ${group}/${version}/${plural} missing`);
    return def;
  }

  get pods(): ResourceDef {
    return this.def('', 'v1', 'pods');
  }

  now(): number {
    return this.api.clock.now();
  }

  /** Objects owned (as controller) by `owner`. */
  controlledBy(def: ResourceDef, owner: KubeObject): KubeObject[] {
    return this.api.store
      .dependents(owner.metadata.uid ?? '')
      .filter(({ object }) =>
        object.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller),
      )
      .map(({ object }) => object)
      .filter((o) => o.kind === def.kind);
  }

  /** Writes status only when it changed (the API also skips no-op writes, this saves the clone). */
  writeStatus(def: ResourceDef, obj: KubeObject, status: unknown): void {
    this.api.update(
      def,
      obj.metadata.namespace,
      obj.metadata.name ?? '',
      { ...obj, status },
      { subresource: 'status' },
    );
  }
}

export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
