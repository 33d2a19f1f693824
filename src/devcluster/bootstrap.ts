import { NODE_LABELS } from '../domain/keys.js';
import { isoTime } from '../domain/time.js';
import type { ClusterApi } from './api/cluster-api.js';

const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** What a fresh cluster has before anyone applies anything: its namespaces and one Ready node. */
export function bootstrapCluster(api: ClusterApi): void {
  const nsDef = api.resource('', 'v1', 'namespaces');
  for (const name of NAMESPACES)
    if (!api.tryGet(nsDef, undefined, name)) api.create(nsDef, undefined, { metadata: { name } });
  const nodeDef = api.resource('', 'v1', 'nodes');
  if (api.tryGet(nodeDef, undefined, 'devcluster')) return;
  const node = api.create(nodeDef, undefined, {
    metadata: {
      name: 'devcluster',
      labels: {
        [NODE_LABELS.hostname]: 'devcluster',
        [NODE_LABELS.os]: 'linux',
        'node-role.kubernetes.io/control-plane': '',
      },
    },
    spec: {},
  });
  const now = isoTime(api.clock.now());
  api.update(
    nodeDef,
    undefined,
    'devcluster',
    {
      ...node,
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'devcluster simulated kubelet is ready',
            lastHeartbeatTime: now,
            lastTransitionTime: now,
          },
        ],
        addresses: [
          { type: 'InternalIP', address: '10.0.0.10' },
          { type: 'Hostname', address: 'devcluster' },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.0-devcluster',
          osImage: 'devcluster',
          architecture: 'amd64',
          operatingSystem: 'linux',
          containerRuntimeVersion: 'simulated://1',
          kernelVersion: '',
          kubeProxyVersion: '',
          machineID: '',
          systemUUID: '',
          bootID: '',
        },
        capacity: { cpu: '8', memory: '32Gi', pods: '110000' },
        allocatable: { cpu: '8', memory: '32Gi', pods: '110000' },
      },
    },
    { subresource: 'status' },
  );
}
