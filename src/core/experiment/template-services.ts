import { EXPERIMENT_ANNOTATIONS } from '../../domain/experiment-keys.js';
import type { ReplicaSet, Service } from '../../domain/index.js';
import type { ExperimentContext } from './experiment-context.js';
import type { Experiment, ExperimentTemplate, TemplateStatus } from '../../domain/experiment.js';
import { fnv1a32 } from '../rollout/template/index.js';
import { ownLabel, templateReplicaSetName } from './template-replica-set.js';

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

/** A Service name is a DNS label: at most 63 characters. */
const MAX_SERVICE_NAME = 63;

/** `service.name`, else the ReplicaSet's name, shortened with a hash of it when it is too long for a Service. */
export function templateServiceName(ex: Experiment, t: ExperimentTemplate): string {
  if (t.service?.name) return t.service.name;
  const name = templateReplicaSetName(ex, t);
  if (name.length <= MAX_SERVICE_NAME) return name;
  const suffix = fnv1a32(new TextEncoder().encode(name)).toString(16).padStart(8, '0');
  return `${name.slice(0, MAX_SERVICE_NAME - suffix.length - 1).replace(/[-.]+$/, '')}-${suffix}`;
}

/** A Service for the template's pods (spec §3 step 1): the RS's pod labels as selector, ports from container ports. */
export function buildTemplateService(
  ex: Experiment,
  t: ExperimentTemplate,
  rs: ReplicaSet,
): Service {
  const containers = (rs.spec.template?.spec?.containers ?? []) as Array<{
    ports?: ContainerPort[];
  }>;
  const ports = containers
    .flatMap((c) => c.ports ?? [])
    .filter((p) => typeof p.containerPort === 'number')
    .map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      protocol: p.protocol ?? 'TCP',
      port: p.containerPort,
      targetPort: p.containerPort,
    }));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: templateServiceName(ex, t),
      namespace: ex.metadata.namespace,
      labels: ownLabel(ex),
      annotations: {
        [EXPERIMENT_ANNOTATIONS.name]: ex.metadata.name,
        [EXPERIMENT_ANNOTATIONS.templateName]: t.name,
      },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Experiment',
          name: ex.metadata.name,
          uid: ex.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      selector: { ...rs.spec.template?.metadata?.labels },
      ...(ports.length ? { ports } : {}),
    },
  };
}

/**
 * The template's Service: created once its ReplicaSet exists while the experiment runs; deleted
 * when the template is scaled to 0 with no available pods. Sets `serviceName` while it exists.
 */
export function planTemplateService(
  ctx: ExperimentContext,
  t: ExperimentTemplate,
  rs: ReplicaSet | undefined,
  ts: TemplateStatus,
  terminating: boolean,
): void {
  const name = templateServiceName(ctx.ex, t);
  const existing = ctx.o.services.find((s) => s.metadata.name === name);
  const scaledDown = (rs?.spec.replicas ?? 0) === 0 && (rs?.status?.availableReplicas ?? 0) === 0;
  if (existing && (!t.service || (terminating && scaledDown))) {
    ctx.actions.push({
      kind: 'deleteService',
      name,
      ...(existing.metadata.uid ? { uid: existing.metadata.uid } : {}),
    });
    delete ts.serviceName;
    return;
  }
  if (!t.service) return;
  if (!existing && rs && !terminating) {
    const service = buildTemplateService(ctx.ex, t, rs);
    if (!service.spec?.ports) {
      // The API server refuses a Service without ports: say why instead of failing every reconcile.
      ts.status = 'Error';
      ts.message = `Template '${t.name}' needs a container port for its Service`;
      return;
    }
    ctx.actions.push({ kind: 'createService', service });
  }
  if (existing || (rs && !terminating)) ts.serviceName = name;
  else delete ts.serviceName;
}
