import type { KubeClient } from '../../adapters/kube/index.js';
import { signApprovalActions } from '../../core/notifications/approval/approval-actions.js';
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
import type { RolloutEvent } from '../../core/rollout/plan-types.js';
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
  /** PUBLIC_URL (or where Node serves): approval links' base when `approvals.url` is unset. */
  publicUrl?: string;
}

/** What a runtime hands `executeHint` (DispatchDeps.notifier). */
export interface Notifier {
  /**
   * After a Rollout reconcile: plans the notifications of its committed events, claims them on the
   * Rollout and hands them to the outbox. Never throws and never waits for a send.
   */
  afterReconcile(kube: KubeClient, result: ReconcileResult, now: number): Promise<void>;
  /**
   * Events another reconcile recorded on a Rollout (an Experiment step's analysis, spec §6):
   * planned, claimed and sent as `afterReconcile`'s. Never throws and never waits for a send.
   */
  afterRolloutEvents(kube: KubeClient, input: RolloutEvents, now: number): Promise<void>;
}

/** Events recorded on a Rollout, with what the notifier plans and claims them by. */
export interface RolloutEvents {
  rollout: Rollout;
  /** The Rollout's resourceVersion the claim is guarded by. */
  version: string;
  /**
   * What the events are unique to: `<uid>@<resourceVersion>` of the object whose reconcile recorded
   * them, as that version is committed once: concurrent handlers plan the same keys, one sends.
   */
  eventId: string;
  events: readonly RolloutEvent[];
  analysisRuns: AnalysisRun[];
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
    const loaded = await loadNotificationConfig(
      kube,
      opts.namespace,
      now,
      cache,
      opts.services,
      opts.publicUrl,
    );
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

  const planAndSend = async (kube: KubeClient, input: RolloutEvents, now: number) => {
    if (!input.events.length || !mayBeSubscribed(input.rollout, now)) return;
    try {
      await notify(kube, await load(kube, now), input, now, opts, log);
    } catch (e) {
      // Notifications never fail a reconcile; what was not claimed is simply not sent.
      const m = input.rollout.metadata;
      const redact = cache.loaded?.redact ?? ((t: string) => t);
      const why = redact(e instanceof Error ? e.message : String(e));
      log(`notifications for ${m.namespace ?? 'default'}/${m.name}: ${why}`);
    }
  };

  return {
    async afterReconcile(kube, result, now) {
      const { rollout, plan, committedVersion } = result;
      if (result.outcome !== 'committed' || !plan || !rollout || !committedVersion) return;
      await planAndSend(
        kube,
        {
          rollout,
          version: committedVersion,
          // The version the plan was made from: one committed reconcile per version.
          eventId: `${rollout.metadata.uid ?? ''}@${rollout.metadata.resourceVersion ?? ''}`,
          events: plan.events,
          analysisRuns: result.analysisRuns ?? [],
        },
        now,
      );
    },
    afterRolloutEvents: planAndSend,
  };
}

async function notify(
  kube: KubeClient,
  loaded: LoadedNotificationConfig,
  { rollout, version, eventId, events, analysisRuns }: RolloutEvents,
  now: number,
  opts: NotifierOptions,
  log: (line: string) => void,
): Promise<void> {
  const notified = parseNotified(rollout.metadata.annotations?.[ANNOTATIONS.notified]);
  const { planned, problems } = planNotifications({
    config: loaded.config,
    rollout,
    events,
    eventId,
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
  const claimed = new Set(await claimNotifications(kube, ref, version, notified, keys, now));
  for (const item of items) if (claimed.has(item.delivery.key)) opts.outbox.enqueue(item);
}

interface Subject {
  rollout: Rollout;
  analysisRuns: AnalysisRun[];
  events: readonly RolloutEvent[];
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
  // With Slack approvals configured, a Slack message's actions are its buttons alone: their tokens
  // are refused by the link hook and no link is printed, so only allowed users can act.
  const buttonsOnly = ready.service.type === 'slack' && approvals?.slack !== undefined;
  const actions =
    approvals && approvals.triggers.includes(p.trigger)
      ? await signApprovalActions(
          approvals,
          {
            ...subject,
            ...(rollout.status?.currentStepIndex !== undefined
              ? { stepIndex: rollout.status.currentStepIndex }
              : {}),
            ...(rollout.status?.currentPodHash ? { podHash: rollout.status.currentPodHash } : {}),
            // A webhook subscribed with "" has no recipient: its links name the service instead.
            recipient: p.recipient || p.service.name,
            ...(buttonsOnly ? { only: 'slack' as const } : {}),
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
    actions: buttonsOnly ? [] : actions,
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
