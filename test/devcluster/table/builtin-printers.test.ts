import { describe, expect, it } from 'vitest';
import {
  buildTable,
  columnsFor,
  tableDefFor,
  type TableCell,
} from '../../../src/devcluster/table/index.js';

type Json = Record<string, unknown>;
const now = new Date('2024-06-01T12:00:00Z');
const meta = (name: string, extra: Json = {}): Json => ({
  name,
  namespace: 'default',
  creationTimestamp: '2024-06-01T11:55:00Z',
  ...extra,
});
const template = {
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.25' },
      { name: 'proxy', image: 'envoy:1.30' },
    ],
  },
};

const cellsOf = (group: string, kind: string, obj: Json): TableCell[] | undefined =>
  buildTable(tableDefFor(group, kind), [obj], { now, includeObject: 'None', resourceVersion: '1' })
    .rows[0]?.cells;

describe('built-in column definitions', () => {
  it.each<[string, string, string[], string[]]>([
    [
      '',
      'Pod',
      ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
      ['IP', 'Node', 'Nominated Node', 'Readiness Gates'],
    ],
    [
      'apps',
      'ReplicaSet',
      ['Name', 'Desired', 'Current', 'Ready', 'Age'],
      ['Containers', 'Images', 'Selector'],
    ],
    [
      'apps',
      'Deployment',
      ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
      ['Containers', 'Images', 'Selector'],
    ],
    ['', 'Service', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'], ['Selector']],
    ['', 'Endpoints', ['Name', 'Endpoints', 'Age'], []],
    ['', 'Namespace', ['Name', 'Status', 'Age'], []],
    ['', 'ConfigMap', ['Name', 'Data', 'Age'], []],
    ['', 'Secret', ['Name', 'Type', 'Data', 'Age'], []],
    ['', 'ServiceAccount', ['Name', 'Secrets', 'Age'], []],
    [
      '',
      'Event',
      ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
      ['Subobject', 'Source', 'First Seen', 'Count', 'Name'],
    ],
    [
      'batch',
      'Job',
      ['Name', 'Status', 'Completions', 'Duration', 'Age'],
      ['Containers', 'Images', 'Selector'],
    ],
    ['networking.k8s.io', 'Ingress', ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'], []],
    [
      'policy',
      'PodDisruptionBudget',
      ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'],
      [],
    ],
    ['coordination.k8s.io', 'Lease', ['Name', 'Holder', 'Age'], []],
    ['apiextensions.k8s.io', 'CustomResourceDefinition', ['Name', 'Created At'], []],
    [
      '',
      'Node',
      ['Name', 'Status', 'Roles', 'Age', 'Version'],
      ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime'],
    ],
    ['rbac.authorization.k8s.io', 'ClusterRole', ['Name', 'Created At'], []],
  ])('%s/%s', (group, kind, shown, wide) => {
    const columns = columnsFor(tableDefFor(group, kind));
    expect(columns.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(shown);
    expect(columns.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(wide);
    expect(columns.filter((c) => c.format === 'name')).toHaveLength(1);
  });
});

describe('built-in cells', () => {
  it.each<[string, string, string, Json, TableCell[]]>([
    [
      'replicaset',
      'apps',
      'ReplicaSet',
      {
        metadata: meta('web-7d9f'),
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
        status: { replicas: 3, readyReplicas: 2 },
      },
      ['web-7d9f', 3, 3, 2, '5m', 'web,proxy', 'nginx:1.25,envoy:1.30', 'app=web'],
    ],
    [
      'deployment',
      'apps',
      'Deployment',
      {
        metadata: meta('web'),
        spec: {
          replicas: 3,
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
          template,
        },
        status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
      },
      ['web', '2/3', 3, 2, '5m', 'web,proxy', 'nginx:1.25,envoy:1.30', 'app in (web)'],
    ],
    [
      'deployment defaults',
      'apps',
      'Deployment',
      { metadata: meta('d'), spec: {} },
      ['d', '0/1', 0, 0, '5m', '', '', ''],
    ],
    [
      'nodeport service',
      '',
      'Service',
      {
        metadata: meta('web'),
        spec: {
          type: 'NodePort',
          clusterIP: '10.96.0.10',
          ports: [
            { port: 80, protocol: 'TCP' },
            { port: 443, nodePort: 30443, protocol: 'TCP' },
          ],
          selector: { tier: 'fe', app: 'web' },
        },
      },
      ['web', 'NodePort', '10.96.0.10', '<none>', '80/TCP,443:30443/TCP', '5m', 'app=web,tier=fe'],
    ],
    [
      'pending load balancer',
      '',
      'Service',
      {
        metadata: meta('lb'),
        spec: {
          type: 'LoadBalancer',
          clusterIPs: ['10.96.0.11'],
          ports: [{ port: 53, protocol: 'UDP' }],
        },
      },
      ['lb', 'LoadBalancer', '10.96.0.11', '<pending>', '53/UDP', '5m', '<none>'],
    ],
    [
      'external name',
      '',
      'Service',
      { metadata: meta('ext'), spec: { type: 'ExternalName', externalName: 'example.com' } },
      ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '5m', '<none>'],
    ],
    [
      'endpoints',
      '',
      'Endpoints',
      {
        metadata: meta('web'),
        subsets: [
          {
            addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
            ports: [{ port: 80 }, { port: 443 }],
          },
        ],
      },
      ['web', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...', '5m'],
    ],
    ['no endpoints', '', 'Endpoints', { metadata: meta('web') }, ['web', '<none>', '5m']],
    [
      'namespace',
      '',
      'Namespace',
      { metadata: meta('team-a'), status: { phase: 'Active' } },
      ['team-a', 'Active', '5m'],
    ],
    [
      'configmap',
      '',
      'ConfigMap',
      { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      ['cfg', 3, '5m'],
    ],
    [
      'secret',
      '',
      'Secret',
      { metadata: meta('s'), type: 'Opaque', data: { a: 'MQ==' } },
      ['s', 'Opaque', 1, '5m'],
    ],
    ['serviceaccount', '', 'ServiceAccount', { metadata: meta('default') }, ['default', 0, '5m']],
    [
      'event',
      '',
      'Event',
      {
        metadata: meta('web.17a'),
        involvedObject: { kind: 'Rollout', name: 'web', fieldPath: 'spec' },
        reason: 'RolloutPaused',
        message: 'Rollout is paused \n',
        type: 'Normal',
        firstTimestamp: '2024-06-01T11:50:00Z',
        lastTimestamp: '2024-06-01T11:59:00Z',
        count: 4,
        source: { component: 'rollouts-controller' },
      },
      [
        '60s',
        'Normal',
        'RolloutPaused',
        'rollout/web',
        'spec',
        'rollouts-controller',
        'Rollout is paused',
        '10m',
        4,
        'web.17a',
      ],
    ],
    [
      'new-style event',
      '',
      'Event',
      {
        metadata: meta('e'),
        involvedObject: { kind: 'Node' },
        eventTime: '2024-06-01T11:58:00.000000Z',
        reportingController: 'kubelet',
        reportingInstance: 'node-a',
      },
      ['2m', '', '', 'node', '', 'kubelet, node-a', '', '2m', 1, 'e'],
    ],
    [
      'complete job',
      'batch',
      'Job',
      {
        metadata: meta('migrate'),
        spec: {
          completions: 1,
          template,
          selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'migrate' } },
        },
        status: {
          succeeded: 1,
          startTime: '2024-06-01T11:55:00Z',
          completionTime: '2024-06-01T11:55:42Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
      [
        'migrate',
        'Complete',
        '1/1',
        '42s',
        '5m',
        'web,proxy',
        'nginx:1.25,envoy:1.30',
        'batch.kubernetes.io/job-name=migrate',
      ],
    ],
    [
      'running parallel job',
      'batch',
      'Job',
      {
        metadata: meta('work'),
        spec: { parallelism: 3, template },
        status: { startTime: '2024-06-01T11:58:00Z' },
      },
      ['work', 'Running', '0/1 of 3', '2m', '5m', 'web,proxy', 'nginx:1.25,envoy:1.30', '<none>'],
    ],
    [
      'ingress',
      'networking.k8s.io',
      'Ingress',
      {
        metadata: meta('web'),
        spec: {
          ingressClassName: 'nginx',
          rules: [{ host: 'a.example.com' }, {}],
          tls: [{ hosts: ['a.example.com'] }],
        },
        status: {
          loadBalancer: { ingress: [{ ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] },
        },
      },
      ['web', 'nginx', 'a.example.com', '192.0.2.10,lb.example.com', '80, 443', '5m'],
    ],
    [
      'ingress without hosts',
      'networking.k8s.io',
      'Ingress',
      { metadata: meta('i'), spec: {} },
      ['i', '<none>', '*', '', '80', '5m'],
    ],
    [
      'pdb',
      'policy',
      'PodDisruptionBudget',
      { metadata: meta('web'), spec: { minAvailable: 1 }, status: { disruptionsAllowed: 2 } },
      ['web', '1', 'N/A', 2, '5m'],
    ],
    [
      'pdb percent',
      'policy',
      'PodDisruptionBudget',
      { metadata: meta('web'), spec: { maxUnavailable: '25%' } },
      ['web', 'N/A', '25%', 0, '5m'],
    ],
    [
      'lease',
      'coordination.k8s.io',
      'Lease',
      { metadata: meta('rollouts-lock'), spec: { holderIdentity: 'pod-1' } },
      ['rollouts-lock', 'pod-1', '5m'],
    ],
    [
      'crd',
      'apiextensions.k8s.io',
      'CustomResourceDefinition',
      { metadata: { name: 'rollouts.argoproj.io', creationTimestamp: '2024-01-02T03:04:05.678Z' } },
      ['rollouts.argoproj.io', '2024-01-02T03:04:05Z'],
    ],
    [
      'node',
      '',
      'Node',
      {
        metadata: meta('node-a', {
          namespace: undefined,
          labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' },
        }),
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
          nodeInfo: { kubeletVersion: 'v1.33.0', osImage: 'Debian' },
        },
      },
      [
        'node-a',
        'Ready,SchedulingDisabled',
        'control-plane,edge',
        '5m',
        'v1.33.0',
        '172.18.0.2',
        '<none>',
        'Debian',
        '<unknown>',
        '<unknown>',
      ],
    ],
    [
      'node without conditions',
      '',
      'Node',
      { metadata: meta('n') },
      [
        'n',
        'Unknown',
        '<none>',
        '5m',
        '',
        '<none>',
        '<none>',
        '<unknown>',
        '<unknown>',
        '<unknown>',
      ],
    ],
    [
      'kind without printer',
      'rbac.authorization.k8s.io',
      'ClusterRole',
      { metadata: { name: 'view' } },
      ['view', '0001-01-01T00:00:00Z'],
    ],
  ])('%s', (_name, group, kind, obj, cells) => {
    expect(cellsOf(group, kind, obj)).toEqual(cells);
  });
});
