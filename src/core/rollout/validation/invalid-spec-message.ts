import type { Rollout } from '../../../domain/index.js';
import { asString, field } from './view.js';

/**
 * The InvalidSpec condition message: `The Rollout "<name>" is invalid: <error>`, where `<error>`
 * is one of the field-error strings the validators return (path, type, value, detail). Upstream
 * formats the name with `"%s"`, not `%q`: no escaping.
 */
export function invalidSpecMessage(rollout: Rollout, error: string): string {
  return `The Rollout "${asString(field(field(rollout, 'metadata'), 'name'))}" is invalid: ${error}`;
}
