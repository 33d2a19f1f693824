import { isRecord } from '../../domain/json.js';
import { parseTemplate, TemplateError } from './template/index.js';
import type { CompiledLeaf, NotificationTemplate } from './types.js';
import type { ProblemList } from './config-yaml.js';

/**
 * Compiles `template.<name>`: every string leaf of its YAML is a template (`message`,
 * `slack.attachments`, `webhook.<name>.body`…). A template with any leaf that does not compile is
 * left out, its problems listed under `template.<name>` with the leaf's path and position.
 */
export function compileNotificationTemplate(
  name: string,
  source: Record<string, unknown>,
  problems: ProblemList,
): NotificationTemplate | undefined {
  const compiled: CompiledLeaf[] = [];
  let broken = false;
  for (const { path, text } of stringLeaves(source, [])) {
    try {
      compiled.push({ path, template: parseTemplate(name, text) });
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      broken = true;
      problems.add(`template.${name}`, `${formatPath(path)}: ${err.message}`);
    }
  }
  return broken ? undefined : { name, source, compiled };
}

function stringLeaves(
  node: unknown,
  path: readonly (string | number)[],
): { path: readonly (string | number)[]; text: string }[] {
  if (typeof node === 'string') return [{ path, text: node }];
  if (Array.isArray(node)) return node.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (isRecord(node))
    return Object.entries(node).flatMap(([key, value]) => stringLeaves(value, [...path, key]));
  return [];
}

/** `slack.attachments`, `webhook.ops.body`, `teams.facts[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
