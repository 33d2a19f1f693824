import type { Rollout, Service } from '../../../domain/index.js';
import { ANNOTATIONS, LABELS } from '../../../domain/index.js';
import { invalid, type FieldError } from './field-error.js';
import { MSG } from './messages.js';
import { asString, asStringMap, field, isRecord, isSet } from './view.js';

export interface ReferencedObjects {
  /** By name; a missing entry or `undefined` means the Service does not exist. */
  services: Map<string, Service | undefined>;
}

type MetadataKey = 'stableMetadata' | 'canaryMetadata' | 'activeMetadata' | 'previewMetadata';

interface ServiceRef {
  name: string;
  path: string;
  /** Ephemeral metadata whose labels a Service selector may also use (spec §1.2, §1.5). */
  metadata?: MetadataKey;
}

/** The Services a strategy names, in the order upstream fetches them. */
function serviceRefs(rollout: Rollout): ServiceRef[] {
  const strategy = field(field(rollout, 'spec'), 'strategy');
  const refs: ServiceRef[] = [];
  const add = (owner: unknown, key: string, path: string, metadata?: MetadataKey): void => {
    const name = asString(field(owner, key));
    if (name !== '') refs.push({ name, path, ...(metadata ? { metadata } : {}) });
  };
  const blueGreen = field(strategy, 'blueGreen');
  const canary = field(strategy, 'canary');
  if (isSet(blueGreen)) {
    add(blueGreen, 'activeService', 'spec.strategy.blueGreen.activeService', 'activeMetadata');
    add(blueGreen, 'previewService', 'spec.strategy.blueGreen.previewService', 'previewMetadata');
  } else if (isSet(canary)) {
    add(canary, 'stableService', 'spec.strategy.canary.stableService', 'stableMetadata');
    add(canary, 'canaryService', 'spec.strategy.canary.canaryService', 'canaryMetadata');
    const pingPong = field(canary, 'pingPong');
    if (isSet(pingPong)) {
      add(pingPong, 'pingService', 'spec.strategy.canary.pingPong.pingService');
      add(pingPong, 'pongService', 'spec.strategy.canary.pingPong.pongService');
    }
  }
  return refs;
}

/**
 * Referenced-Service checks (upstream's `getReferencedServices` + `ValidateService`). A missing
 * Service stops the look-up, so it is the only error reported. Otherwise each Service's selector
 * must fit the pod template labels (or the role's ephemeral labels), and it must not be claimed by
 * another Rollout. Pass a Rollout whose template is already resolved from any `workloadRef`.
 */
export function validateReferencedServices(
  rollout: Rollout,
  refs: ReferencedObjects,
): FieldError[] {
  const found: Array<{ ref: ServiceRef; service: Service }> = [];
  for (const ref of serviceRefs(rollout)) {
    const service = refs.services.get(ref.name);
    if (!isRecord(service)) return [invalid(ref.path, ref.name, MSG.serviceNotFound(ref.name))];
    found.push({ ref, service });
  }
  const spec = field(rollout, 'spec');
  const templateLabels = asStringMap(field(field(field(spec, 'template'), 'metadata'), 'labels'));
  const strategy = field(spec, 'strategy');
  const errs: FieldError[] = [];
  for (const { ref, service } of found) {
    const name = asString(field(field(service, 'metadata'), 'name')) || ref.name;
    const selector = asStringMap(field(field(service, 'spec'), 'selector'));
    for (const key of Object.keys(selector).sort()) {
      if (key === LABELS.podTemplateHash) continue;
      const value = selector[key];
      const roleLabels = ref.metadata
        ? asStringMap(
            field(field(field(strategy, roleOwner(ref.metadata)), ref.metadata), 'labels'),
          )
        : {};
      const fitsRole = Object.hasOwn(roleLabels, key) && roleLabels[key] === value;
      if (!(Object.hasOwn(templateLabels, key) && templateLabels[key] === value) && !fitsRole) {
        errs.push(invalid(ref.path, name, MSG.serviceUnmatchLabel(name, key)));
      }
    }
    const annotations = asStringMap(field(field(service, 'metadata'), 'annotations'));
    if (
      Object.hasOwn(annotations, ANNOTATIONS.managedBy) &&
      annotations[ANNOTATIONS.managedBy] !== asString(field(field(rollout, 'metadata'), 'name'))
    ) {
      errs.push(invalid(ref.path, name, MSG.serviceManagedByOther(name)));
    }
  }
  return errs;
}

function roleOwner(key: MetadataKey): 'canary' | 'blueGreen' {
  return key === 'stableMetadata' || key === 'canaryMetadata' ? 'canary' : 'blueGreen';
}
