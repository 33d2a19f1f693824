import { EntryFields } from './entry-fields.js';
import type { MergedKubeconfig } from './merge-kubeconfigs.js';
import type { NamedEntry } from './parse-kubeconfig.js';
import { resolveUser } from './resolve-user.js';
import type { KubeTarget } from './types.js';

const EXEC_EXTENSION = 'client.authentication.k8s.io/exec';

export type Resolved = { target: KubeTarget } | { problems: string[] };

/**
 * The context to use (`context`, else current-context) with its cluster and user, every problem
 * listed at once. Like kubectl, only the entries that context names are checked. File paths are
 * absolute (relative ones resolved against the file that defined the entry); files are not read.
 */
export function resolveKubeconfig(
  merged: MergedKubeconfig,
  opts: { context?: string } = {},
): Resolved {
  const where = merged.paths.length > 0 ? ` ${merged.paths.join(':')}` : '';
  const name = opts.context ?? merged.currentContext;
  if (name === undefined)
    return { problems: [`kubeconfig${where}: no current-context is set and no context was named`] };
  const context = merged.contexts.get(name);
  if (!context) return { problems: [`context "${name}" does not exist in kubeconfig${where}`] };
  const problems: string[] = [];
  const f = new EntryFields(context, problems);
  const clusterName = f.string('cluster');
  const userName = f.string('user');
  const namespace = f.string('namespace');
  const cluster = clusterName === undefined ? undefined : merged.clusters.get(clusterName);
  if (clusterName === undefined) f.problem('cluster', 'missing');
  else if (!cluster)
    f.problem('cluster', `cluster "${clusterName}" does not exist in kubeconfig${where}`);
  // A context without a user is anonymous, as with kubectl; one naming a missing user is a mistake.
  const user = userName === undefined ? undefined : merged.users.get(userName);
  if (userName !== undefined && !user)
    f.problem('user', `user "${userName}" does not exist in kubeconfig${where}`);
  const clusterPart = cluster ? resolveCluster(cluster, problems) : undefined;
  const userPart = user ? resolveUser(user, problems) : {};
  if (problems.length > 0 || !clusterPart) return { problems };
  const { clusterConfig, ...tls } = clusterPart;
  const target: KubeTarget = {
    context: name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...tls,
    ...userPart,
  };
  if (target.exec && clusterConfig !== undefined) target.exec.clusterConfig = clusterConfig;
  return { target };
}

type ClusterPart = Pick<
  KubeTarget,
  'server' | 'ca' | 'tlsServerName' | 'insecureSkipTlsVerify' | 'proxyUrl'
> & { clusterConfig?: unknown };

function resolveCluster(entry: NamedEntry, problems: string[]): ClusterPart | undefined {
  const f = new EntryFields(entry, problems);
  const server = f.string('server');
  if (server === undefined) f.problem('server', 'missing');
  else if (!isHttpUrl(server)) f.problem('server', `"${server}" is not an http(s) URL`);
  const ca = f.material('certificate-authority');
  const insecureSkipTlsVerify = f.boolean('insecure-skip-tls-verify');
  // client-go refuses both too: skipping verification with a CA at hand is almost always a mistake.
  if (ca && insecureSkipTlsVerify)
    f.problem('insecure-skip-tls-verify', 'cannot be true when a certificate-authority is set');
  const tlsServerName = f.string('tls-server-name');
  const proxyUrl = f.string('proxy-url');
  if (proxyUrl !== undefined && !isHttpUrl(proxyUrl)) {
    f.problem(
      'proxy-url',
      `"${proxyUrl}" is not supported: only http:// and https:// proxies are (no socks5)`,
    );
  }
  const extension = findExtension(f.raw('extensions'), EXEC_EXTENSION);
  if (server === undefined || !isHttpUrl(server)) return undefined;
  return {
    server: server.replace(/\/+$/, ''),
    insecureSkipTlsVerify,
    ...(ca ? { ca } : {}),
    ...(tlsServerName !== undefined ? { tlsServerName } : {}),
    ...(proxyUrl !== undefined ? { proxyUrl } : {}),
    ...(extension !== undefined ? { clusterConfig: extension } : {}),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function findExtension(extensions: unknown, name: string): unknown {
  if (!Array.isArray(extensions)) return undefined;
  return (extensions as Array<{ name?: unknown; extension?: unknown }>).find(
    (e) => e?.name === name,
  )?.extension;
}
