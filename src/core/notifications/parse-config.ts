import { isRecord } from '../../domain/json.js';
import { parseApprovals } from './config-approvals.js';
import { compileNotificationTemplate } from './config-templates.js';
import { parseTrigger } from './config-triggers.js';
import { asMapping, asStringList, parseYamlValue, ProblemList } from './config-yaml.js';
import { BUILT_IN_TEMPLATES, BUILT_IN_TRIGGERS } from './catalog.js';
import { parseSubscriptions } from './config-subscriptions.js';
import { decodeSecretData, substituteSecrets } from './secret-refs.js';
import type {
  ApprovalSettings,
  ConfiguredService,
  NotificationConfig,
  NotificationTemplate,
  Trigger,
} from './types.js';

export interface NotificationConfigInput {
  /** `argo-rollouts-notification-configmap` as the Kubernetes object; absent means built-ins only. */
  configMap?: unknown;
  /** `argo-rollouts-notification-secret` as the Kubernetes object (`data` base64, or `stringData`). */
  secret?: unknown;
  now: number;
}

/**
 * The notification configuration from upstream's ConfigMap and Secret (spec §6): every problem listed
 * with its key, and what is broken left out so the rest keeps working. Templates are compiled here,
 * once per change of either object; the built-in catalog applies unless a key overrides it.
 */
export function parseNotificationConfig(input: NotificationConfigInput): NotificationConfig {
  const problems = new ProblemList();
  const data = configMapData(input.configMap, problems);
  const { values: secrets, undecodable } = decodeSecretData(input.secret);
  for (const key of undecodable) problems.add(`secret.${key}`, 'not valid base64 UTF-8');
  // Triggers and templates read every key of the Secret (`secrets`, `.secrets`), so any of them
  // can end up in a problem or a refusal, not only those a `$name` put in a service.
  const secretValues = new Set<string>(Object.values(secrets));
  const withSecrets = <T>(key: string, value: T): T | undefined => {
    const { value: replaced, missing } = substituteSecrets(value, secrets);
    for (const name of missing)
      problems.add(key, `references $${name}, which the notification Secret does not hold`);
    return missing.length > 0 ? undefined : replaced;
  };

  const services = new Map<string, ConfiguredService>();
  const templates = new Map<string, NotificationTemplate>();
  const triggers = new Map<string, Trigger>();
  const serviceDefaultTriggers = new Map<string, readonly string[]>();
  const userTemplates = new Set<string>();
  const userTriggers = new Set<string>();
  let approvals: ApprovalSettings | undefined;

  for (const [key, text] of Object.entries(data).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = () => parseYamlValue(key, text, problems);
    if (key.startsWith('service.')) {
      const service = parseService(key, parsed(), problems);
      const settings = service && withSecrets(key, service.settings);
      if (service && settings) services.set(service.ref.name, { ref: service.ref, settings });
    } else if (key.startsWith('template.')) {
      const name = key.slice('template.'.length);
      userTemplates.add(name);
      const source = asMapping(key, parsed(), problems);
      const template = source && compileNotificationTemplate(name, source, problems);
      if (template) templates.set(name, template);
    } else if (key.startsWith('trigger.')) {
      const name = key.slice('trigger.'.length);
      userTriggers.add(name);
      const trigger = parseTrigger(name, parsed(), problems);
      if (trigger) triggers.set(name, trigger);
    } else if (key.startsWith('defaultTriggers.')) {
      const list = asStringList(key, parsed(), problems);
      if (list) serviceDefaultTriggers.set(key.slice('defaultTriggers.'.length), list);
    } else if (key === 'approvals') {
      const mapping = asMapping(key, parsed(), problems);
      const replaced = mapping && withSecrets(key, mapping);
      approvals = replaced && parseApprovals(replaced, problems);
    }
  }
  addBuiltIns(templates, triggers, userTemplates, userTriggers, problems);
  checkTriggerTemplates(triggers, templates, problems);

  const defaultTriggers =
    data.defaultTriggers === undefined
      ? []
      : (asStringList(
          'defaultTriggers',
          parseYamlValue('defaultTriggers', data.defaultTriggers, problems),
          problems,
        ) ?? []);
  const subscriptions =
    data.subscriptions === undefined
      ? []
      : parseSubscriptions(parseYamlValue('subscriptions', data.subscriptions, problems), problems);
  const contextMap =
    data.context === undefined
      ? {}
      : (asMapping('context', parseYamlValue('context', data.context, problems), problems) ?? {});
  const context = Object.fromEntries(
    Object.entries(contextMap).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );

  return {
    services,
    templates,
    triggers,
    defaultTriggers,
    subscriptions,
    context,
    ...(approvals !== undefined ? { approvals } : {}),
    problems: problems.items,
    secretValues: [...secretValues],
    serviceDefaultTriggers,
    secrets,
  };
}

function configMapData(configMap: unknown, problems: ProblemList): Record<string, string> {
  if (configMap === undefined || configMap === null) return {};
  const data = isRecord(configMap) ? configMap.data : undefined;
  if (data === undefined || data === null) return {};
  if (!isRecord(data)) {
    problems.add('data', 'expected a map of strings');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') out[key] = value;
    else problems.add(key, 'expected a string value');
  }
  return out;
}

/** `service.<type>` (named after its type) or `service.<type>.<name>`; anything longer is an error upstream too. */
function parseService(
  key: string,
  value: unknown,
  problems: ProblemList,
): ConfiguredService | undefined {
  const parts = key.split('.');
  const [type, name] = [parts[1] ?? '', parts.length === 3 ? (parts[2] ?? '') : (parts[1] ?? '')];
  if (parts.length > 3 || type === '' || name === '') {
    problems.add(key, "expected 'service.<type>' or 'service.<type>.<name>'");
    return undefined;
  }
  const settings = asMapping(key, value, problems);
  return settings && { ref: { type, name }, settings };
}

function addBuiltIns(
  templates: Map<string, NotificationTemplate>,
  triggers: Map<string, Trigger>,
  userTemplates: ReadonlySet<string>,
  userTriggers: ReadonlySet<string>,
  problems: ProblemList,
): void {
  for (const [name, source] of Object.entries(BUILT_IN_TEMPLATES)) {
    if (userTemplates.has(name)) continue;
    const template = compileNotificationTemplate(name, source, problems);
    if (template) templates.set(name, template);
  }
  for (const [name, conditions] of Object.entries(BUILT_IN_TRIGGERS)) {
    if (!userTriggers.has(name)) triggers.set(name, { name, conditions });
  }
}

/** A trigger that sends a template nobody defined still sends its other templates; the gap is listed. */
function checkTriggerTemplates(
  triggers: ReadonlyMap<string, Trigger>,
  templates: ReadonlyMap<string, NotificationTemplate>,
  problems: ProblemList,
): void {
  for (const trigger of triggers.values()) {
    trigger.conditions.forEach((condition, i) => {
      for (const name of condition.send) {
        if (!templates.has(name) && !problems.items.some((p) => p.key === `template.${name}`))
          problems.add(`trigger.${trigger.name}[${i}].send`, `template ${name} is not configured`);
      }
    });
  }
}
