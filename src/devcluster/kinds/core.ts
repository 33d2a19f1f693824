import { isRecord, type KubeObject } from '../api/object-meta.js';
import type { FieldCause } from '../api/validate-meta.js';
import type { KindStrategy } from './kind-strategy.js';
import { defaultPodSpec, validatePodSpec } from '../../domain/pod-defaults.js';

type Json = Record<string, unknown>;

function spec(obj: KubeObject): Json {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Json;
}

export const podStrategy: KindStrategy = {
  defaults(draft) {
    const s = spec(draft);
    defaultPodSpec(s);
    if (s.serviceAccountName === undefined) s.serviceAccountName = 'default';
    if (s.priority === undefined) s.priority = 0;
    if (s.enableServiceLinks === undefined) s.enableServiceLinks = true;
  },
  onCreate(draft) {
    draft.status = { phase: 'Pending', qosClass: 'BestEffort' };
  },
  onUpdate(draft, old) {
    // Pod specs are immutable except images, activeDeadlineSeconds and tolerations additions.
    const s = spec(draft);
    const o = spec(old);
    if (o.nodeName !== undefined && s.nodeName === undefined) s.nodeName = o.nodeName;
  },
  validate(obj, old) {
    const causes = validatePodSpec(obj.spec, 'spec');
    if (old) {
      const strip = (v: unknown): string =>
        JSON.stringify(v, (k: string, val: unknown) =>
          k === 'image' || k === 'activeDeadlineSeconds' || k === 'tolerations' || k === 'nodeName'
            ? undefined
            : val,
        );
      if (strip(obj.spec) !== strip(old.spec)) {
        causes.push({
          field: 'spec',
          reason: 'FieldValueForbidden',
          message:
            'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)',
        });
      }
    }
    return causes;
  },
};

function validateServicePorts(s: Json): FieldCause[] {
  const causes: FieldCause[] = [];
  const ports = Array.isArray(s.ports) ? s.ports : [];
  if (ports.length === 0 && s.type !== 'ExternalName' && s.clusterIP !== 'None') {
    causes.push({
      field: 'spec.ports',
      reason: 'FieldValueRequired',
      message: 'spec.ports: Required value',
    });
  }
  ports.forEach((p, i) => {
    const port = isRecord(p) ? p.port : undefined;
    if (typeof port !== 'number' || port < 1 || port > 65535) {
      causes.push({
        field: `spec.ports[${i}].port`,
        message: `spec.ports[${i}].port: Invalid value: ${JSON.stringify(port)}: must be between 1 and 65535, inclusive`,
      });
    }
    if (ports.length > 1 && isRecord(p) && !p.name) {
      causes.push({
        field: `spec.ports[${i}].name`,
        reason: 'FieldValueRequired',
        message: `spec.ports[${i}].name: Required value`,
      });
    }
  });
  return causes;
}

export const serviceStrategy: KindStrategy = {
  nameIsLabel: true,
  defaults(draft) {
    const s = spec(draft);
    if (s.type === undefined) s.type = 'ClusterIP';
    if (s.sessionAffinity === undefined) s.sessionAffinity = 'None';
    if (s.internalTrafficPolicy === undefined) s.internalTrafficPolicy = 'Cluster';
    if (Array.isArray(s.ports)) {
      for (const p of s.ports) {
        if (!isRecord(p)) continue;
        if (p.protocol === undefined) p.protocol = 'TCP';
        if (p.targetPort === undefined) p.targetPort = p.port;
      }
    }
  },
  onCreate(draft, ctx) {
    const s = spec(draft);
    if (s.type !== 'ExternalName' && s.clusterIP === undefined) {
      s.clusterIP = ctx.allocateClusterIp();
      s.clusterIPs = [s.clusterIP];
    }
    if (s.type !== 'ExternalName') {
      if (s.ipFamilies === undefined) s.ipFamilies = ['IPv4'];
      if (s.ipFamilyPolicy === undefined) s.ipFamilyPolicy = 'SingleStack';
    }
    draft.status = { loadBalancer: {} };
  },
  onUpdate(draft, old) {
    // clusterIP is allocated once and kept when an update (e.g. kubectl replace) omits it.
    const s = spec(draft);
    const o = spec(old);
    for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'])
      if (s[k] === undefined && o[k] !== undefined) s[k] = o[k];
  },
  validate(obj, old) {
    const s = spec(obj);
    const causes = validateServicePorts(s);
    if (old && spec(old).clusterIP !== undefined && s.clusterIP !== spec(old).clusterIP) {
      causes.push({
        field: 'spec.clusterIP',
        message: `spec.clusterIP: Invalid value: ${JSON.stringify(s.clusterIP)}: field is immutable`,
      });
    }
    return causes;
  },
};

export const namespaceStrategy: KindStrategy = {
  nameIsLabel: true,
  defaults(draft) {
    const s = spec(draft);
    if (s.finalizers === undefined) s.finalizers = ['kubernetes'];
    draft.metadata.labels = {
      ...(draft.metadata.labels ?? {}),
      'kubernetes.io/metadata.name': draft.metadata.name ?? '',
    };
  },
  onCreate(draft) {
    draft.status = { phase: 'Active' };
  },
};

export const secretStrategy: KindStrategy = {
  defaults(draft) {
    if (draft.type === undefined) draft.type = 'Opaque';
  },
  validate(obj) {
    const causes: FieldCause[] = [];
    const data = obj.data;
    if (isRecord(data)) {
      for (const [k, v] of Object.entries(data)) {
        if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) {
          causes.push({
            field: `data[${k}]`,
            message: `data[${k}]: Invalid value: must be base64-encoded`,
          });
        }
      }
    }
    return causes;
  },
};

export const eventStrategy: KindStrategy = {
  validate(obj) {
    const involved = (obj as Json).involvedObject;
    if (!isRecord(involved))
      return [
        {
          field: 'involvedObject',
          reason: 'FieldValueRequired',
          message: 'involvedObject: Required value',
        },
      ];
    return [];
  },
};
