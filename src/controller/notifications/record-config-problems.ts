import type { KubeClient } from '../../adapters/kube/index.js';
import type { ConfigProblem } from '../../core/notifications/types.js';
import type { Redact } from '../../domain/redaction.js';
import { recordEvents } from '../record-events.js';
import type { LoadedNotificationConfig } from './load-notification-config.js';

export const CONFIG_ERROR_REASON = 'NotificationConfigError';

/** One line per problem, `key: what is wrong`, secrets masked. Pure. */
export function buildProblemsMessage(problems: readonly ConfigProblem[], redact: Redact): string {
  return redact(problems.map((p) => `${p.key}: ${p.message}`).join('\n'));
}

/**
 * Tells people about a configuration's problems, once per version of it: a log line, and one
 * Warning Event on the ConfigMap (its name is derived from the ConfigMap's uid and
 * resourceVersion, so concurrent handlers and restarts record it once: `record-events.ts`).
 */
export async function recordConfigProblems(
  kube: KubeClient,
  loaded: LoadedNotificationConfig,
  now: number,
  log: (line: string) => void,
): Promise<void> {
  if (!loaded.problems.length) return;
  const message = buildProblemsMessage(loaded.problems, loaded.redact);
  log(`notification configuration: ${loaded.problems.length} problem(s):\n${message}`);
  if (!loaded.configMap) return;
  await recordEvents(
    kube,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: loaded.configMap },
    [{ type: 'Warning', reason: CONFIG_ERROR_REASON, message }],
    now,
  );
}
