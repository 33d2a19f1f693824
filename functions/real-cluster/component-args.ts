import { join } from 'node:path';
import type { Pki } from './certs.js';

/** Where each component keeps its files for one start (all under the state directory). */
export interface Layout {
  stateDir: string;
  etcdDataDir: string;
  adminKubeconfig: string;
  controllerManagerKubeconfig: string;
  schedulerKubeconfig: string;
  kwokConfig: string;
  tokenFile: string;
}

export function layoutFor(stateDir: string): Layout {
  return {
    stateDir,
    etcdDataDir: join(stateDir, 'etcd'),
    adminKubeconfig: join(stateDir, 'admin.kubeconfig'),
    controllerManagerKubeconfig: join(stateDir, 'controller-manager.kubeconfig'),
    schedulerKubeconfig: join(stateDir, 'scheduler.kubeconfig'),
    kwokConfig: join(stateDir, 'kwok-stages.yaml'),
    tokenFile: join(stateDir, 'pki', 'tokens.csv'),
  };
}

export const SERVICE_CIDR = '10.96.0.0/16';

/** A single-member etcd on loopback; fsync off: the data dir is thrown away at every start. */
export function buildEtcdArgs(layout: Layout, clientPort: number, peerPort: number): string[] {
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  return [
    '--name=rollouts',
    `--data-dir=${layout.etcdDataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=rollouts=${peer}`,
    '--initial-cluster-state=new',
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

/**
 * kube-apiserver as kubeadm configures it, minus what needs real nodes: Node,RBAC authorization
 * (so RBAC behaves as users see it; the kubeconfig's admin is in system:masters), client
 * certificates plus a static admin token (for clients that cannot present a certificate), and
 * service-account tokens signed with the key made at start.
 */
export function buildApiServerArgs(opts: {
  layout: Layout;
  pki: Pki;
  port: number;
  etcdPort: number;
  advertiseAddress: string;
}): string[] {
  const { pki } = opts;
  return [
    `--etcd-servers=http://127.0.0.1:${opts.etcdPort}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${opts.port}`,
    `--advertise-address=${opts.advertiseAddress}`,
    `--tls-cert-file=${pki.apiserver.certFile}`,
    `--tls-private-key-file=${pki.apiserver.keyFile}`,
    `--client-ca-file=${pki.ca.certFile}`,
    `--token-auth-file=${opts.layout.tokenFile}`,
    '--authorization-mode=Node,RBAC',
    '--allow-privileged=true',
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountPubFile}`,
    `--service-account-signing-key-file=${pki.serviceAccountKeyFile}`,
    `--cert-dir=${join(opts.layout.stateDir, 'pki', 'generated')}`,
    '--profiling=false',
    '--v=1',
  ];
}

/**
 * Client-side rate limits of the control plane's own clients, raised as kwokctl does for its
 * clusters: at the defaults (20/s for the controller manager) the ReplicaSet controller creates
 * about 3 kwok pods a second, so 10,000 Rollouts take an hour to come up; limits our controller
 * and upstream's never meet in the tests.
 */
const CONTROL_PLANE_CLIENT_LIMITS = ['--kube-api-qps=1000', '--kube-api-burst=2000'];

/** The Deployment, ReplicaSet, Job, GC, namespace, service-account… controllers, as one process. */
export function buildControllerManagerArgs(layout: Layout, pki: Pki): string[] {
  return [
    `--kubeconfig=${layout.controllerManagerKubeconfig}`,
    `--authentication-kubeconfig=${layout.controllerManagerKubeconfig}`,
    `--authorization-kubeconfig=${layout.controllerManagerKubeconfig}`,
    '--bind-address=127.0.0.1',
    '--secure-port=0',
    '--leader-elect=false',
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${pki.serviceAccountKeyFile}`,
    `--root-ca-file=${pki.ca.certFile}`,
    `--cluster-signing-cert-file=${pki.ca.certFile}`,
    `--cluster-signing-key-file=${pki.ca.keyFile}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    ...CONTROL_PLANE_CLIENT_LIMITS,
    '--profiling=false',
    '--v=1',
  ];
}

export function buildSchedulerArgs(layout: Layout): string[] {
  return [
    `--kubeconfig=${layout.schedulerKubeconfig}`,
    `--authentication-kubeconfig=${layout.schedulerKubeconfig}`,
    `--authorization-kubeconfig=${layout.schedulerKubeconfig}`,
    '--bind-address=127.0.0.1',
    '--secure-port=0',
    '--leader-elect=false',
    ...CONTROL_PLANE_CLIENT_LIMITS,
    '--profiling=false',
    '--v=1',
  ];
}

/** kwok manages only the nodes we annotate, and keeps their leases (the node heartbeat). */
export function buildKwokArgs(layout: Layout, nodeAnnotation: string): string[] {
  return [
    `--kubeconfig=${layout.adminKubeconfig}`,
    `--config=${layout.kwokConfig}`,
    `--manage-nodes-with-annotation-selector=${nodeAnnotation}=fake`,
    '--node-lease-duration-seconds=40',
    '--cidr=10.244.0.0/16',
    '--node-ip=10.0.0.10',
    '--server-address=',
    '--v=INFO',
  ];
}
