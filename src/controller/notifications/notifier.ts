import type { KubeClient } from '../../adapters/kube/index.js';
import { buildApprovalActions } from '../../core/notifications/approval/approval-actions.js';
import {
  buildDelivery,
  buildTemplateData,
  parseNotified,
  planNotifications,
  renderNotification,
} from '../../core/notifications/index.js';
import type { PlannedNotification } from '../../core/notifications/types.js';
import { ANNOTATIONS, type AnalysisRun, type Rollout } from '../../domain/index.js';
import {
  SUBSCRIBE_ANNOTATION_PREFIX,
  SUBSCRIPTIONS_ANNOTATION,
} from '../../domain/notification.js';
import type { NotificationService } from '../../providers/notifications/index.js';
import type { ReconcileResult } from '../reconcile-rollout.js';
import { claimNotifications } from './claim-notified.js';
import {
  type LoadedNotificationConfig,
  loadNotificationConfig,
  type NotificationConfigCache,
} from './load-notification-config.js';
import type { NotificationMetrics, NotificationOutbox, OutboxItem } from './outbox.js';
import { planSendLabels } from './plan-send-labels.js';
import { recordConfigProblems } from './record-config-problems.js';

export interface NotifierOptions {
  /** Where the ConfigMap and Secret live (NOTIFICATIONS_NAMESPACE, `argo-rollouts` by default). */
  namespace: string;
  outbox: NotificationOutbox;
  metrics?: NotificationMetrics;
  log?: (line: string) => void;
  /** The service plug-ins by type (all of them by default). */
  services?: ReadonlyMap<string, NotificationService>;
}

/** What a runtime hands `executeHint` (DispatchDeps.notifier). */
export interface Notifier {
  /**
   * After a Rollout reconcile: plans the notifications of its committed events, claims them on the
   * Rollout and hands them to the outbox. Never throws and never waits for a send.
   */
  afterReconcile(kube: KubeClient, result: ReconcileResult, now: number): Promise<void>;
}

/** `subscribe.<trigger>.<service>`, and notifications-engine's `subscriptions` annotation. */
const SUBSCRIBING = [SUBSCRIBE_ANNOTATION_PREFIX, SUBSCRIPTIONS_ANNOTATION];

/** A configuration without `subscriptions` is looked at again after this long for Rollouts without a subscribe annotation. */
const SUBSCRIPTIONS_RECHECK_MS = 60_000;

/** Spec §6 and issue 20 §5: each notification of a committed event sent at most once. */
export function createNotifier(opts: NotifierOptions): Notifier {
  const log = opts.log ?? (() => undefined);
  const cache: NotificationConfigCache = {};
  let checkedAt = -Infinity;
  let reportedVersion: string | undefined;

  const load = async (kube: KubeClient, now: number): Promise<LoadedNotificationConfig> => {
    const loaded = await loadNotificationConfig(kube, opts.namespace, now, cache, opts.services);
    checkedAt = now;
    if (loaded.version !== reportedVersion) {
      reportedVersion = loaded.version;
      opts.metrics?.configProblems?.(opts.namespace, loaded.problems.length);
      await recordConfigProblems(kube, loaded, now, log);
    }
    return loaded;
  };

  /** Whether any subscription could match: an annotation on the Rollout, or the ConfigMap's `subscriptions`. */
  const mayBeSubscribed = (rollout: Rollout, now: number) => {
    const annotations = Object.keys(rollout.metadata.annotations ?? {});
    if (annotations.some((k) => SUBSCRIBING.some((prefix) => k.startsWith(prefix)))) return true;
    const known = cache.loaded;
    return (
      !known || known.config.subscriptions.length > 0 || now - checkedAt > SUBSCRIPTIONS_RECHECK_MS
    );
  };

  return {
    async afterReconcile(kube, result, now) {
      const { rollout, plan, committedVersion } = result;
      if (result.outcome !== 'committed' || !plan?.events.length || !rollout || !committedVersion)
        return;
      if (!mayBeSubscribed(rollout, now)) return;
      const where = `${rollout.metadata.namespace ?? 'default'}/${rollout.metadata.name}`;
      try {
        const loaded = await load(kube, now);
        await notify(kube, loaded, { rollout, committedVersion, result, now }, opts, log);
      } catch (e) {
        // Notifications never fail a reconcile; what was not claimed is simply not sent.
        const redact = cache.loaded?.redact ?? ((t: string) => t);
        log(`notifications for ${where}: ${redact(e instanceof Error ? e.message : String(e))}`);
      }
    },
  };
}

interface Committed {
  rollout: Rollout;
  committedVersion: string;
  result: ReconcileResult;
  now: number;
}

async function notify(
  kube: KubeClient,
  loaded: LoadedNotificationConfig,
  { rollout, committedVersion, result, now }: Committed,
  opts: NotifierOptions,
  log: (line: string) => void,
): Promise<void> {
  const events = result.plan?.events ?? [];
  const analysisRuns = result.analysisRuns ?? [];
  const notified = parseNotified(rollout.metadata.annotations?.[ANNOTATIONS.notified]);
  const { planned, problems } = planNotifications({
    config: loaded.config,
    rollout,
    events,
    // The version the plan was made from: one committed reconcile per version, so concurrent
    // handlers of the same reconcile plan the same keys and the claim lets one of them send.
    eventId: `${rollout.metadata.uid ?? ''}@${rollout.metadata.resourceVersion ?? ''}`,
    analysisRuns,
    notified,
    now,
  });
  const where = `${rollout.metadata.namespace ?? 'default'}/${rollout.metadata.name}`;
  for (const p of problems)
    log(`notifications for ${where}: ${p.key}: ${loaded.redact(p.message)}`);
  const subject = { rollout, analysisRuns, events, now };
  const items: OutboxItem[] = [];
  for (const p of planned) {
    const item = await renderOutboxItem(loaded, p, subject, log);
    if (item) items.push(item);
  }
  if (!items.length) return;
  const ref = { namespace: rollout.metadata.namespace ?? 'default', name: rollout.metadata.name };
  const keys = items.map((i) => i.delivery.key);
  const claimed = new Set(
    await claimNotifications(kube, ref, committedVersion, notified, keys, now),
  );
  for (const item of items) if (claimed.has(item.delivery.key)) opts.outbox.enqueue(item);
}

interface Subject {
  rollout: Rollout;
  analysisRuns: AnalysisRun[];
  events: NonNullable<ReconcileResult['plan']>['events'];
  now: number;
}

/**
 * Approval actions, template data, the rendered message and the service that sends it; undefined
 * (and logged) when the service is not usable or the template does not render: built before the
 * claim, so only what can be sent is recorded as notified.
 */
async function renderOutboxItem(
  loaded: LoadedNotificationConfig,
  p: PlannedNotification,
  { rollout, analysisRuns, events, now }: Subject,
  log: (line: string) => void,
): Promise<OutboxItem | undefined> {
  const ready = loaded.services.get(p.service.name);
  if (!ready) return undefined;
  const m = rollout.metadata;
  const subject = {
    namespace: m.namespace ?? 'default',
    name: m.name,
    uid: m.uid ?? '',
    revision: m.annotations?.[ANNOTATIONS.revision] ?? '',
  };
  const approvals = loaded.config.approvals;
  const actions =
    approvals && approvals.triggers.includes(p.trigger)
      ? await buildApprovalActions(
          approvals,
          {
            ...subject,
            ...(rollout.status?.currentStepIndex !== undefined
              ? { stepIndex: rollout.status.currentStepIndex }
              : {}),
            ...(rollout.status?.currentPodHash ? { podHash: rollout.status.currentPodHash } : {}),
            recipient: p.recipient,
          },
          now,
        )
      : [];
  const data = buildTemplateData({
    rollout,
    analysisRuns,
    now,
    recipient: p.recipient,
    serviceType: p.service.name,
    context: loaded.config.context,
    secrets: loaded.config.secrets,
    actions,
  });
  const rendered = renderNotification(loaded.config, p, data);
  if ('problem' in rendered) {
    const { key, message } = rendered.problem;
    log(
      `notification ${p.trigger} → ${p.service.name} for ${subject.namespace}/${subject.name} not sent: ${key}: ${loaded.redact(message)}`,
    );
    return undefined;
  }
  const delivery = buildDelivery({ planned: p, rollout, message: rendered.message, actions });
  return {
    delivery,
    send: (ctx) => ready.service.send(ctx, ready.settings, delivery),
    labels: planSendLabels(subject, events, p.trigger),
    redact: loaded.redact,
  };
}
