import type { KubeObject } from '../api/object-meta.js';
import type { ResourceDef } from '../api/resource-def.js';
import type { FieldCause } from '../api/validate-meta.js';

export interface StrategyContext {
  now: number;
  def: ResourceDef;
  /** Next free ClusterIP for Services. */
  allocateClusterIp(): string;
}

/**
 * What differs per kind on the write path, as the API server's registry strategies do:
 * defaulting, the status a new object starts with, and validation. Drafts are private clones,
 * so `default*` may mutate them.
 */
export interface KindStrategy {
  /** Server-side defaults, applied on create and on every main-resource update. */
  defaults?(draft: KubeObject, ctx: StrategyContext): void;
  /** Fields only the server sets at creation (e.g. a Service's clusterIP, a Pod's initial status). */
  onCreate?(draft: KubeObject, ctx: StrategyContext): void;
  /** Carries server-owned fields forward on update (e.g. clusterIP may not be cleared). */
  onUpdate?(draft: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): FieldCause[];
  /** Namespaces and Services use the stricter DNS-1123 label rule for names. */
  nameIsLabel?: boolean;
}
