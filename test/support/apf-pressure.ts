import { readFile, writeFile } from 'node:fs/promises';
import type { ClientRequest } from 'node:http';
import { request } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RealCluster } from '../../functions/real-cluster/index.js';
import { connectWithKubeconfig, type KubeConnection } from '../../src/runtime/node/index.js';
import { pollUntil } from '../conformance/api-backends.js';

/**
 * API Priority and Fairness on the real API server, set up to refuse one ServiceAccount's
 * requests with 429 at the test's command (issue 16, deliverable 5). The kubeconfig's admin is in
 * system:masters, which APF exempts, so the pressure falls on a ServiceAccount (cluster-admin
 * through RBAC, a TokenRequest token): its FlowSchema leads to a priority level with no nominal
 * seats, no borrowing and `Reject`, which the server still runs one request at a time. `hold`
 * takes that seat with a create whose body is never finished, so every other request of the
 * ServiceAccount is refused until `release` finishes it.
 */
export interface ApfPressure {
  /** The ServiceAccount's connection: bearer token, the cluster's CA. */
  readonly conn: KubeConnection;
  readonly namespace: string;
  /** Returns once a request of the ServiceAccount is answered 429. */
  hold(): Promise<void>;
  /** Finishes the held requests (their creates land) and returns once they are answered. */
  release(): Promise<void>;
}

const API = '/apis/flowcontrol.apiserver.k8s.io/v1';
const NAME = 'refused-under-test';

export async function setUpApfPressure(
  cluster: RealCluster,
  dir: string,
  namespace: string,
): Promise<ApfPressure> {
  const post = (path: string, body: object) => send(cluster.kube, 'POST', path, body);
  const sa = { kind: 'ServiceAccount', name: NAME, namespace };
  await post('/api/v1/namespaces', { metadata: { name: namespace } });
  await post(`/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name: NAME } });
  await post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    metadata: { name: NAME },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [sa],
  });
  const { status } = (await post(`/api/v1/namespaces/${namespace}/serviceaccounts/${NAME}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 3600 },
  })) as { status: { token: string } };
  const token = status.token;
  await post(`${API}/prioritylevelconfigurations`, {
    metadata: { name: NAME },
    spec: {
      type: 'Limited',
      limited: {
        nominalConcurrencyShares: 0,
        lendablePercent: 0,
        borrowingLimitPercent: 0,
        limitResponse: { type: 'Reject' },
      },
    },
  });
  const schema = (await post(`${API}/flowschemas`, {
    metadata: { name: NAME },
    spec: {
      priorityLevelConfiguration: { name: NAME },
      // Ahead of every suggested FlowSchema but `exempt` (1) and `probes` (2).
      matchingPrecedence: 50,
      distinguisherMethod: { type: 'ByUser' },
      rules: [
        {
          subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: NAME, namespace } }],
          resourceRules: [
            {
              verbs: ['*'],
              apiGroups: ['*'],
              resources: ['*'],
              namespaces: ['*'],
              clusterScope: true,
            },
          ],
          nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        },
      ],
    },
  })) as { metadata: { uid: string } };

  const kubeconfig = join(dir, 'refused.kubeconfig');
  await writeFile(kubeconfig, tokenKubeconfig(cluster.url, cluster.caFile, token), { mode: 0o600 });
  const conn = connectWithKubeconfig(kubeconfig);
  const probePath = `/api/v1/namespaces/${namespace}/serviceaccounts/${NAME}`;
  const probe = () => conn.fetch(probePath).then(async (res) => (await res.text(), res));
  // The API server applies a new FlowSchema once its APF controller has seen it.
  const classified = await pollUntil(
    probe,
    (res) => res.headers.get('x-kubernetes-pf-flowschema-uid') === schema.metadata.uid,
  );
  if (classified.headers.get('x-kubernetes-pf-flowschema-uid') !== schema.metadata.uid)
    throw new Error(`the FlowSchema ${NAME} never classified the ServiceAccount's requests`);

  const ca = await readFile(cluster.caFile);
  const held: HeldRequest[] = [];
  return {
    conn,
    namespace,
    async hold() {
      // A held create that lost the seat to another request is refused itself: sent again.
      for (let i = 0; i < 20; i++) {
        const body = JSON.stringify({ metadata: { generateName: 'seat-holder-' } });
        const seat = holdSeat(
          `${cluster.url}/api/v1/namespaces/${namespace}/configmaps`,
          body,
          token,
          ca,
        );
        if (await seat.admitted) {
          held.push(seat);
          const refused = await pollUntil(probe, (res) => res.status === 429, 10_000);
          if (refused.status === 429) return;
        }
        await sleep(100);
      }
      throw new Error('20 held requests did not exhaust the priority level');
    },
    async release() {
      const statuses = await Promise.all(held.splice(0).map((h) => h.finish()));
      if (statuses.some((s) => s !== 201))
        throw new Error(`held creates answered ${statuses.join()}`);
    },
  };
}

interface HeldRequest {
  /** True once the server reads the body (the request runs), false when it is refused. */
  admitted: Promise<boolean>;
  /** Sends the body; resolves with the answer's status. */
  finish(): Promise<number>;
}

/**
 * A create sent with `Expect: 100-continue`: the server asks for the body only once the request
 * runs (past APF), so `100 Continue` says it holds a seat; the body follows only on `finish`.
 */
function holdSeat(url: string, body: string, token: string, ca: Buffer): HeldRequest {
  const req: ClientRequest = request(url, {
    method: 'POST',
    ca,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      expect: '100-continue',
    },
  });
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
  const admitted = new Promise<boolean>((resolve) => {
    req.on('continue', () => resolve(true));
    answered.then(
      () => resolve(false),
      () => resolve(false),
    );
  });
  req.flushHeaders();
  return {
    admitted,
    finish() {
      req.end(body);
      return answered;
    },
  };
}

async function send(kube: KubeConnection, method: string, path: string, body: object) {
  const res = await kube.fetch(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** A kubeconfig (as JSON, which is YAML) for a bearer token, trusting the cluster's CA file. */
function tokenKubeconfig(server: string, caFile: string, token: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'real-cluster', cluster: { server, 'certificate-authority': caFile } }],
    contexts: [{ name: 'refused', context: { cluster: 'real-cluster', user: NAME } }],
    'current-context': 'refused',
    users: [{ name: NAME, user: { token } }],
  });
}
