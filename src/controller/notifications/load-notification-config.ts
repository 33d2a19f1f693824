import { configMapPath, type KubeClient, resourcePath } from '../../adapters/kube/index.js';
import { resolveApprovalUrl } from '../../core/notifications/config-approvals.js';
import { parseNotificationConfig } from '../../core/notifications/index.js';
import type { ConfigProblem, NotificationConfig } from '../../core/notifications/types.js';
import { NOTIFICATION_CONFIG, type ServiceRef } from '../../domain/notification.js';
import type { ObjectMeta } from '../../domain/objects.js';
import { buildRedactor, type Redact } from '../../domain/redaction.js';
import {
  notificationServices,
  type NotificationService,
} from '../../providers/notifications/index.js';

const secretPath = resourcePath('', 'v1', 'secrets');

/** A configured service whose settings its plug-in accepted: ready to send. */
export interface ReadyService {
  ref: ServiceRef;
  service: NotificationService;
  settings: unknown;
}

/** The configuration as the notifier uses it: parsed, its services validated, every problem listed. */
export interface LoadedNotificationConfig {
  config: NotificationConfig;
  /** By service name (`service.webhook.ops` → `ops`); services with problems are left out. */
  services: ReadonlyMap<string, ReadyService>;
  /** The parser's problems and the services' own, each with its key. */
  problems: readonly ConfigProblem[];
  /** Masks every secret value the configuration references (logs, Events, errors). */
  redact: Redact;
  /** The ConfigMap it came from (absent when there is none): problems are recorded on it. */
  configMap?: ObjectMeta;
  /** `<ConfigMap resourceVersion>/<Secret resourceVersion>`: what the cache is keyed by. */
  version: string;
}

/** The last parse, reused while neither the ConfigMap nor the Secret changed. */
export interface NotificationConfigCache {
  loaded?: LoadedNotificationConfig;
}

interface ConfigObject {
  metadata: ObjectMeta;
  data?: Record<string, string>;
}

/** `service.<type>` when the name is the type, `service.<type>.<name>` otherwise (upstream's keys). */
export function serviceKey(ref: ServiceRef): string {
  return ref.name === ref.type ? `service.${ref.type}` : `service.${ref.type}.${ref.name}`;
}

/**
 * Validates each configured service with its plug-in's `parseSettings`; an unknown type or a
 * refused setting is a problem under the service's key and leaves the other services working. Pure.
 */
export function buildReadyServices(
  config: NotificationConfig,
  plugins: ReadonlyMap<string, NotificationService>,
): { services: Map<string, ReadyService>; problems: ConfigProblem[] } {
  const services = new Map<string, ReadyService>();
  const problems: ConfigProblem[] = [];
  for (const [name, configured] of config.services) {
    const key = serviceKey(configured.ref);
    const service = plugins.get(configured.ref.type);
    if (!service) {
      const known = [...plugins.keys()].sort().join(', ');
      problems.push({
        key,
        message: `unknown service type "${configured.ref.type}" (known: ${known})`,
      });
      continue;
    }
    const parsed = service.parseSettings(configured.settings);
    if ('problems' in parsed)
      problems.push(...parsed.problems.map((message) => ({ key, message })));
    else services.set(name, { ref: configured.ref, service, settings: parsed.settings });
  }
  return { services, problems };
}

/**
 * Reads `argo-rollouts-notification-configmap` and `-secret` in `namespace` and parses them, once
 * per change: the cache is keyed by both objects' resourceVersions, so an unchanged configuration
 * costs two reads and no parse. Either may be absent (the built-in catalog still applies).
 * `publicUrl` (PUBLIC_URL, fixed per process) is where approval links point without `approvals.url`.
 */
export async function loadNotificationConfig(
  kube: KubeClient,
  namespace: string,
  now: number,
  cache: NotificationConfigCache = {},
  plugins: ReadonlyMap<string, NotificationService> = notificationServices(),
  publicUrl?: string,
): Promise<LoadedNotificationConfig> {
  const [configMap, secret] = await Promise.all([
    kube.find<ConfigObject>(configMapPath(namespace, NOTIFICATION_CONFIG.configMap)),
    kube.find<ConfigObject>(secretPath(namespace, NOTIFICATION_CONFIG.secret)),
  ]);
  const version = `${configMap?.metadata.resourceVersion ?? '-'}/${secret?.metadata.resourceVersion ?? '-'}`;
  if (cache.loaded?.version === version) return cache.loaded;
  const parsed = parseNotificationConfig({
    ...(configMap ? { configMap } : {}),
    ...(secret ? { secret } : {}),
    now,
  });
  const approvals = resolveApprovalUrl(parsed.approvals, publicUrl);
  const config = approvals.approvals ? { ...parsed, approvals: approvals.approvals } : parsed;
  const ready = buildReadyServices(config, plugins);
  const loaded: LoadedNotificationConfig = {
    config,
    services: ready.services,
    problems: [...config.problems, ...approvals.problems, ...ready.problems],
    redact: buildRedactor(config.secretValues),
    ...(configMap ? { configMap: configMap.metadata } : {}),
    version,
  };
  cache.loaded = loaded;
  return loaded;
}
