/**
 * The watch relay's process entry (DESIGN §1); the relay itself is src/relay/. Runs next to the
 * Kubernetes API (in the cluster, or beside the devcluster): RELAY_TARGET, RELAY_SECRET, optional
 * RELAY_NAMESPACES (comma-separated; default all), RELAY_PORT (/healthz and /metrics; default
 * 8081) and KUBECONFIG (default: in-cluster or ~/.kube).
 */
import { DEFAULT_RESOURCES, startRelay } from '../src/relay/index.js';
import { connectWithKubeconfig, kubeClientFor } from '../src/runtime/node/kube-connection.js';
import { serveRelayStats } from './relay-stats.js';

export {
  DEFAULT_RESOURCES,
  startRelay,
  type Relay,
  type RelayOptions,
} from '../src/relay/index.js';

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const env = (name: string) => process.env[name]?.trim() || undefined;
  const missing = ['RELAY_TARGET', 'RELAY_SECRET'].filter((n) => !env(n));
  if (missing.length > 0) {
    console.error(`relay: set ${missing.join(' and ')}`);
    process.exit(1);
  }
  const relay = startRelay({
    kube: kubeClientFor(connectWithKubeconfig(env('KUBECONFIG'))),
    target: env('RELAY_TARGET') ?? '',
    secret: env('RELAY_SECRET') ?? '',
    namespaces:
      env('RELAY_NAMESPACES')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? 'all',
    resources: DEFAULT_RESOURCES,
    log: (line) => console.error(line),
  });
  const port = Number(env('RELAY_PORT') ?? 8081);
  serveRelayStats(relay.stats, port).then(
    () => console.error(`relay: /healthz and /metrics on :${port}`),
    (e: unknown) =>
      console.error(`relay: cannot serve /metrics on :${port}: ${(e as Error).message}`),
  );
  const stop = () => void relay.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
