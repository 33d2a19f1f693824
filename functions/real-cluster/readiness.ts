import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConnection } from '../node-kube.js';

/**
 * Polls `check` until it answers true. Fails with `what` after `timeoutMs`, or at once when
 * `failure()` reports that a component died (so a bad flag shows its log, not a timeout).
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; failure: () => string | undefined; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  for (;;) {
    const failed = opts.failure();
    if (failed) throw new Error(`${failed} (while waiting for ${what})`);
    try {
      if (await check()) return;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${opts.timeoutMs / 1000}s waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    await sleep(opts.intervalMs ?? 200);
  }
}

/** etcd answers /health with {"health":"true"} once it has a leader. */
export async function isEtcdHealthy(clientUrl: string): Promise<boolean> {
  const res = await fetch(`${clientUrl}/health`);
  if (!res.ok) return false;
  const body = (await res.json()) as { health?: string };
  return body.health === 'true';
}

/** kube-apiserver's aggregated readiness (etcd, post-start hooks, RBAC bootstrap…). */
export async function isApiServerReady(kube: KubeConnection): Promise<boolean> {
  const res = await kube.fetch('/readyz');
  await res.text();
  return res.ok;
}

interface Condition {
  type?: string;
  status?: string;
}

function hasCondition(obj: { status?: { conditions?: Condition[] } }, type: string): boolean {
  return (obj.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Every named node reports Ready (kwok played its node-initialize stage). */
export async function areNodesReady(kube: KubeConnection, names: string[]): Promise<boolean> {
  const res = await kube.fetch('/api/v1/nodes');
  if (!res.ok) return false;
  const list = (await res.json()) as {
    items?: Array<{ metadata?: { name?: string }; status?: { conditions?: Condition[] } }>;
  };
  const ready = new Set(
    (list.items ?? []).filter((n) => hasCondition(n, 'Ready')).map((n) => n.metadata?.name),
  );
  return names.every((n) => ready.has(n));
}

/** The ServiceAccount controller has made `default` in the namespace (pods are refused before). */
export async function hasDefaultServiceAccount(
  kube: KubeConnection,
  namespace: string,
): Promise<boolean> {
  const res = await kube.fetch(`/api/v1/namespaces/${namespace}/serviceaccounts/default`);
  await res.text();
  return res.ok;
}

/** Every named CRD is Established (its API is served). */
export async function areCrdsEstablished(kube: KubeConnection, names: string[]): Promise<boolean> {
  const res = await kube.fetch('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
  if (!res.ok) return false;
  const list = (await res.json()) as {
    items?: Array<{ metadata?: { name?: string }; status?: { conditions?: Condition[] } }>;
  };
  const established = new Set(
    (list.items ?? []).filter((c) => hasCondition(c, 'Established')).map((c) => c.metadata?.name),
  );
  return names.every((n) => established.has(n));
}
