import { createHash } from 'node:crypto';
import { isoTime } from '../../domain/time.js';
import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { ownerRef } from './owned-pods.js';
import { computeRollingBounds, type PacedReplicaSet, planRollingStep } from './rolling-pace.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;
const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';

function templateHash(template: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(template))
    .digest('hex')
    .slice(0, 10)
    .replace(/[aeiou]/g, 'x');
}

/** Desired and available pods of a ReplicaSet, for the rolling pace. */
function paced(rs: KubeObject): PacedReplicaSet {
  const spec = isRecord(rs.spec) ? rs.spec : {};
  const status = isRecord(rs.status) ? rs.status : {};
  return {
    name: rs.metadata.name ?? '',
    replicas: typeof spec.replicas === 'number' ? spec.replicas : 0,
    available: typeof status.availableReplicas === 'number' ? status.availableReplicas : 0,
  };
}

function hasPods(rs: KubeObject): boolean {
  return isRecord(rs.status) && Number(rs.status.replicas ?? 0) > 0;
}

/**
 * A simplified Deployment controller (enough for `workloadRef` Rollouts): one ReplicaSet per
 * template hash, moved to the current one at the strategy's pace (RollingUpdate one step per
 * sync within maxSurge/maxUnavailable; Recreate once the old pods are gone), and status
 * counters/conditions derived from the ReplicaSets.
 */
export class DeploymentController {
  readonly queue: WorkQueue;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((key) => this.sync(key), sim.opts.report);
  }

  private get def() {
    return this.sim.def('apps', 'v1', 'deployments');
  }

  private get rsDef() {
    return this.sim.def('apps', 'v1', 'replicasets');
  }

  onDeployment(d: KubeObject): void {
    this.queue.add(keyOf(d));
  }

  onReplicaSet(rs: KubeObject): void {
    const owner = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    if (owner) this.queue.add(`${rs.metadata.namespace ?? ''}/${owner.name}`);
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const d = this.sim.api.tryGet(this.def, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = (isRecord(d.spec) ? d.spec : {}) as Json;
    const template = structuredClone((isRecord(spec.template) ? spec.template : {}) as Json);
    const hash = templateHash(template);
    const owned = this.sim.controlledBy(this.rsDef, d);
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    let current = owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
    const maxRevision = Math.max(
      0,
      ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)),
    );
    const strategy = (isRecord(spec.strategy) ? spec.strategy : {}) as Json;
    const step = (newRs: PacedReplicaSet, olds: KubeObject[]): Map<string, number> => {
      if (strategy.type !== 'Recreate')
        return planRollingStep(
          replicas,
          computeRollingBounds(strategy.rollingUpdate, replicas),
          newRs,
          olds.map(paced),
        );
      const changes = new Map<string, number>();
      for (const rs of olds) if (paced(rs).replicas > 0) changes.set(rs.metadata.name ?? '', 0);
      if (changes.size === 0 && !olds.some(hasPods) && newRs.replicas !== replicas)
        changes.set(newRs.name, replicas);
      return changes;
    };
    const byAge = (rss: KubeObject[]) =>
      rss.sort(
        (a, b) =>
          Number(a.metadata.annotations?.[REVISION] ?? 0) -
          Number(b.metadata.annotations?.[REVISION] ?? 0),
      );
    if (!current && spec.paused !== true) {
      const tmeta = (isRecord(template.metadata) ? template.metadata : {}) as Json;
      tmeta.labels = { ...(isRecord(tmeta.labels) ? tmeta.labels : {}), [HASH_LABEL]: hash };
      template.metadata = tmeta;
      const selector = (isRecord(spec.selector) ? spec.selector : {}) as Json;
      const rsName = `${name}-${hash}`;
      const initial = step({ name: rsName, replicas: 0, available: 0 }, byAge(owned)).get(rsName);
      current = this.sim.api.create(this.rsDef, ns, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels: tmeta.labels,
          annotations: {
            [REVISION]: String(maxRevision + 1),
            'deployment.kubernetes.io/desired-replicas': String(replicas),
          },
          ownerReferences: [ownerRef(d, 'apps/v1', 'Deployment')],
        },
        spec: {
          replicas: initial ?? 0,
          // Zero values are omitted, as the API server's JSON leaves out omitempty fields.
          ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
          selector: {
            ...selector,
            matchLabels: {
              ...(isRecord(selector.matchLabels) ? selector.matchLabels : {}),
              [HASH_LABEL]: hash,
            },
          },
          template,
        },
      });
    } else if (current && spec.paused !== true) {
      const olds = byAge(owned.filter((rs) => rs.metadata.name !== current?.metadata.name));
      for (const [rsName, want] of step(paced(current), olds)) {
        const rs = owned.find((x) => x.metadata.name === rsName);
        if (rs)
          this.sim.api.update(this.rsDef, ns, rsName, {
            ...rs,
            spec: { ...(isRecord(rs.spec) ? rs.spec : {}), replicas: want },
          });
      }
    }
    this.writeStatus(d, current, replicas);
  }

  private writeStatus(d: KubeObject, current: KubeObject | undefined, replicas: number): void {
    const all = this.sim.controlledBy(this.rsDef, d);
    const sum = (rss: KubeObject[], field: string) =>
      rss.reduce((n, rs) => n + Number((isRecord(rs.status) ? rs.status[field] : 0) ?? 0), 0);
    const total = sum(all, 'replicas');
    const updated = current ? sum([current], 'replicas') : 0;
    const ready = sum(all, 'readyReplicas');
    const available = sum(all, 'availableReplicas');
    const prev = (isRecord(d.status) ? d.status : {}) as Json;
    const prevConditions = (Array.isArray(prev.conditions) ? prev.conditions : []) as Array<Json>;
    const now = isoTime(this.sim.now());
    const condition = (type: string, ok: boolean, reason: string, message: string): Json => {
      const old = prevConditions.find((c) => c.type === type);
      const status = ok ? 'True' : 'False';
      const same = old?.status === status && old.reason === reason;
      return {
        type,
        status,
        lastUpdateTime: same ? old.lastUpdateTime : now,
        lastTransitionTime: old?.status === status ? old.lastTransitionTime : now,
        reason,
        message,
      };
    };
    const status: Json = {
      observedGeneration: d.metadata.generation ?? 1,
      ...(total ? { replicas: total } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      ...(total - available > 0 ? { unavailableReplicas: total - available } : {}),
      conditions: [
        condition(
          'Available',
          available >= replicas,
          available >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          available >= replicas
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
        ),
        condition(
          'Progressing',
          true,
          current && available >= replicas ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          `ReplicaSet "${current?.metadata.name ?? ''}" ${available >= replicas ? 'has successfully progressed.' : 'is progressing.'}`,
        ),
      ],
    };
    if (!jsonEqual(prev, status)) this.sim.writeStatus(this.def, d, status);
  }
}
