import type { Pod } from '../../domain/index.js';
import { podIcon } from './icons.js';
import { buildObjectInfo } from './object-info.js';
import type { PodInfo } from './types.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: Record<string, unknown>;
  terminated?: { reason?: string; exitCode?: number; signal?: number };
}
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
}
interface ContainerSpec {
  name?: string;
  restartPolicy?: string;
}

/** The reason kubelet records when a node stops answering (`k8s.io/kubernetes/pkg/util/node`). */
const NODE_UNREACHABLE = 'NodeLost';

/**
 * A pod as `kubectl get pods` summarises it (STATUS, READY, RESTARTS), which the plugin's tree
 * repeats: an init container that has not finished decides the status (`Init:1/2`,
 * `Init:ErrImagePull`…); otherwise the last container with a waiting or terminated reason does;
 * a pod being deleted is Terminating.
 */
export function buildPodInfo(pod: Pod, now: number): PodInfo {
  const spec = (pod.spec ?? {}) as {
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
  };
  const status = (pod.status ?? {}) as {
    phase?: string;
    reason?: string;
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
  const initSpecs = spec.initContainers ?? [];
  const sidecars = new Set(
    initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  let reason = status.reason || status.phase || '';
  let restarts = 0;
  let initializing = false;
  for (const [i, c] of (status.initContainerStatuses ?? []).entries()) {
    restarts += c.restartCount ?? 0;
    const t = c.state?.terminated;
    const w = c.state?.waiting;
    if (t && (t.exitCode ?? 0) === 0) continue;
    if (t) {
      reason = t.reason
        ? `Init:${t.reason}`
        : t.signal
          ? `Init:Signal:${t.signal}`
          : `Init:ExitCode:${t.exitCode ?? 0}`;
    } else if (sidecars.has(c.name) && c.started) {
      if (c.ready) continue;
      // A started sidecar that is not ready yet: it ends the scan without changing the reason.
      break;
    } else if (w?.reason && w.reason !== 'PodInitializing') {
      reason = `Init:${w.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  let ready = 0;
  if (!initializing) {
    restarts = 0;
    let running = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] ?? {};
      restarts += c.restartCount ?? 0;
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        running = true;
        ready++;
      }
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  if (pod.metadata.deletionTimestamp)
    reason = status.reason === NODE_UNREACHABLE ? 'Unknown' : 'Terminating';
  return {
    ...buildObjectInfo(pod.metadata, now),
    status: reason,
    icon: podIcon(reason),
    ready: `${ready}/${(spec.containers ?? []).length}`,
    restarts,
  };
}
