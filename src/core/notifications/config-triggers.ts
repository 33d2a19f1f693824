import { isRecord } from '../../domain/json.js';
import { ExprError } from '../analysis/expr/index.js';
import { asStringList, optionalString, type ProblemList } from './config-yaml.js';
import { compileTriggerExpr } from './trigger-expr.js';
import type { Trigger, TriggerCondition } from './types.js';

/**
 * `trigger.<name>`: a list of `{when, send, oncePer, description}`. A condition whose `when` or
 * `oncePer` does not compile makes the whole trigger broken (left out), as a trigger that fires
 * on the wrong condition is worse than one that does not fire.
 */
export function parseTrigger(
  name: string,
  value: unknown,
  problems: ProblemList,
): Trigger | undefined {
  const key = `trigger.${name}`;
  if (!Array.isArray(value)) {
    problems.add(key, 'expected a list of conditions ({when, send, oncePer})');
    return undefined;
  }
  const before = problems.items.length;
  const conditions = value.map((item, i) => parseCondition(`${key}[${i}]`, item, problems));
  if (problems.items.length > before) return undefined;
  return { name, conditions: conditions.filter((c): c is TriggerCondition => c !== undefined) };
}

function parseCondition(
  key: string,
  item: unknown,
  problems: ProblemList,
): TriggerCondition | undefined {
  if (!isRecord(item)) {
    problems.add(key, 'expected a mapping with send and optional when/oncePer');
    return undefined;
  }
  const send = asStringList(`${key}.send`, item.send, problems);
  const when = optionalString(`${key}.when`, item.when, problems);
  const oncePer = optionalString(`${key}.oncePer`, item.oncePer, problems);
  const description = optionalString(`${key}.description`, item.description, problems);
  for (const [field, source] of [
    ['when', when],
    ['oncePer', oncePer],
  ] as const) {
    if (source === undefined || source.trim() === '') continue;
    try {
      compileTriggerExpr(source);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      problems.add(`${key}.${field}`, err.message);
    }
  }
  if (send === undefined) return undefined;
  return {
    send,
    ...(when !== undefined && when.trim() !== '' ? { when } : {}),
    ...(oncePer !== undefined && oncePer.trim() !== '' ? { oncePer } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}
