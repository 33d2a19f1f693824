import { ANNOTATIONS, OWN } from '../../domain/keys.js';
import type { ApprovalAction, Delivery, RenderedMessage } from '../../domain/notification.js';
import type { Rollout } from '../../domain/rollout.js';
import { formatPath } from './config-templates.js';
import { renderTemplate, TemplateError } from './template/index.js';
import type { ConfigProblem, NotificationConfig, PlannedNotification } from './types.js';

/**
 * Renders the planned notification's template against `data` (buildTemplateData): `message` and every
 * string of its service sections. A render error is a problem naming the template, the field and the
 * position, never a half-rendered message.
 */
export function renderNotification(
  config: NotificationConfig,
  planned: Pick<PlannedNotification, 'template'>,
  data: unknown,
): { message: RenderedMessage } | { problem: ConfigProblem } {
  const key = `template.${planned.template}`;
  const template = config.templates.get(planned.template);
  if (template === undefined)
    return { problem: { key, message: 'not configured (or broken: see its problems)' } };
  const rendered = structuredClone(template.source);
  for (const leaf of template.compiled) {
    let text: string;
    try {
      text = renderTemplate(leaf.template, data);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      return { problem: { key, message: `${formatPath(leaf.path)}: ${err.message}` } };
    }
    setAt(rendered, leaf.path, text);
  }
  const { message, ...sections } = rendered;
  return { message: { message: typeof message === 'string' ? message : '', sections } };
}

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: string) {
  let node: unknown = root;
  path.forEach((step, i) => {
    const container = node as Record<string | number, unknown>;
    if (i === path.length - 1) container[step] = value;
    else node = container[step];
  });
}

/** A rendered notification as the services deliver it, with the Rollout it is about. */
export function buildDelivery(input: {
  planned: PlannedNotification;
  rollout: Rollout;
  message: RenderedMessage;
  actions: readonly ApprovalAction[];
}): Delivery {
  const { planned, rollout } = input;
  return {
    key: planned.key,
    trigger: planned.trigger,
    template: planned.template,
    service: planned.service,
    recipient: planned.recipient,
    subject: {
      namespace: rollout.metadata.namespace ?? 'default',
      name: rollout.metadata.name,
      uid: rollout.metadata.uid ?? '',
      revision: rollout.metadata.annotations?.[ANNOTATIONS.revision] ?? '',
      // The github service's default repo and commit: what GitOps recorded for the update.
      ...(rollout.metadata.annotations?.[OWN.githubDeployment] !== undefined
        ? { githubDeployment: rollout.metadata.annotations[OWN.githubDeployment] }
        : {}),
    },
    message: input.message,
    actions: [...input.actions],
    at: planned.at,
  };
}
