import type { AnalysisRun } from '../../domain/analysis.js';
import type { Rollout } from '../../domain/rollout.js';
import { buildNotificationKey } from './notified.js';
import { planDestinations, type Destination } from './subscriptions.js';
import { buildTriggerVars } from './template-data.js';
import { runTrigger } from './run-trigger.js';
import type { TriggerVars } from './trigger-expr.js';
import { triggerNameOf } from './trigger-name.js';
import type { ConfigProblem, NotificationConfig, PlannedNotification } from './types.js';

export interface PlanNotificationsInput {
  config: NotificationConfig;
  /** The Rollout as the reconcile leaves it. */
  rollout: Rollout;
  /** The events the reconcile emitted on the Rollout; each reason is a trigger name (spec §6). */
  events: readonly { reason: string }[];
  /** Unique per committed reconcile: a retry of the same reconcile plans the same keys. */
  eventId: string;
  analysisRuns: readonly AnalysisRun[];
  /** The parsed `notified` annotation: keys already sent are dropped. */
  notified: Readonly<Record<string, number>>;
  now: number;
}

export interface NotificationPlan {
  planned: PlannedNotification[];
  problems: ConfigProblem[];
}

interface Candidate {
  base: string;
  notification: Omit<PlannedNotification, 'key'>;
}

/**
 * What to send for a reconcile's events (spec §6): each event's trigger, if anyone subscribed to it,
 * sends the templates of every condition whose `when` holds (absent `when` always holds, as Argo
 * Rollouts treats it) to each destination. Evaluation errors are problems and skip their condition.
 */
export function planNotifications(input: PlanNotificationsInput): NotificationPlan {
  const { config, rollout } = input;
  const problems = new Map<string, ConfigProblem>();
  const problem = (key: string, message: string) =>
    problems.set(`${key}\n${message}`, { key, message });
  const destinations = planDestinations(
    config,
    rollout.metadata.labels ?? {},
    rollout.metadata.annotations ?? {},
  );
  let vars: TriggerVars | undefined;
  const varsOnce = () => (vars ??= buildTriggerVars(rollout, input.analysisRuns, config.secrets));

  const candidates: Candidate[] = [];
  const triggers = new Set(input.events.map((event) => triggerNameOf(event.reason)));
  for (const name of triggers) {
    const subscribed = (destinations.get(name) ?? []).filter((d) => {
      if (config.services.has(d.service)) return true;
      problem(d.source, `service ${d.service} is not configured (or is broken)`);
      return false;
    });
    if (subscribed.length === 0) continue;
    const trigger = config.triggers.get(name);
    if (trigger === undefined) {
      const sources = [...new Set(subscribed.map((d) => d.source))].join(', ');
      problem(`trigger.${name}`, `subscribed by ${sources} but not configured (or broken)`);
      continue;
    }
    for (const result of runTrigger(trigger, varsOnce, input.now)) {
      if (result.problem) problem(result.problem.key, result.problem.message);
      if (!result.triggered) continue;
      for (const template of result.condition.send) {
        for (const destination of subscribed)
          candidates.push(candidate(input, name, template, destination, result.oncePer));
      }
    }
  }
  return { planned: assignKeys(candidates, input.notified), problems: [...problems.values()] };
}

function candidate(
  input: PlanNotificationsInput,
  trigger: string,
  template: string,
  destination: Destination,
  oncePer: string | undefined,
): Candidate {
  const service = input.config.services.get(destination.service);
  const scope = oncePer !== undefined ? { oncePer } : { eventId: input.eventId };
  return {
    base: buildNotificationKey(scope, trigger, destination.service, destination.recipient),
    notification: {
      trigger,
      template,
      service: service?.ref ?? { type: destination.service, name: destination.service },
      recipient: destination.recipient,
      at: input.now,
    },
  };
}

/** One key per notification: the template is added where one key would otherwise send several. */
function assignKeys(
  candidates: readonly Candidate[],
  notified: Readonly<Record<string, number>>,
): PlannedNotification[] {
  const perBase = new Map<string, Set<string>>();
  for (const c of candidates)
    perBase.set(c.base, (perBase.get(c.base) ?? new Set()).add(c.notification.template));
  const planned = new Map<string, PlannedNotification>();
  for (const c of candidates) {
    const shared = (perBase.get(c.base)?.size ?? 0) > 1;
    const key = shared ? `${c.base}:${c.notification.template}` : c.base;
    if (!planned.has(key) && !Object.hasOwn(notified, key))
      planned.set(key, { key, ...c.notification });
  }
  return [...planned.values()];
}
