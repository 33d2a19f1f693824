import { parseSeenState, type SeenState } from '../rollout/operations/index.js';

/**
 * `/rollouts <operation> <name>` lines in GitHub comments (issue 7: operations from GitHub). One
 * command per line, anywhere in the comment; quoted or indented text (`>`, code blocks) is ignored
 * so that quoting a command in a reply does not run it again. `--step-index N` and `--pod-hash H`
 * bind the command to the state the commenter saw (issue 15); without them it is bound to what
 * the Rollout shows when the comment is handled.
 */
export type CommandOperation = 'promote' | 'promoteFull' | 'abort' | 'retry';

export interface RolloutCommand {
  operation: CommandOperation;
  /** As written: `name` or `namespace/name`. */
  target: string;
  /** The line as written, for replies. */
  text: string;
  /** `--step-index`, `--pod-hash`: the state the command is meant for. */
  expected?: SeenState;
}

/**
 * `/rollouts freeze [reason…]`, `/rollouts unfreeze` (issue 21 §5): the stop switch for the
 * namespaces the repository feeds; the reason is the rest of the line, as written.
 */
export interface FreezeCommand {
  freeze: 'freeze' | 'unfreeze';
  reason: string;
  text: string;
}

export type ParsedCommand = RolloutCommand | FreezeCommand | { error: string; text: string };

export const COMMAND_PREFIX = '/rollouts';
export const COMMAND_USAGE =
  "`/rollouts promote [--full] <rollout>`, `/rollouts abort <rollout>`, `/rollouts retry <rollout>` (`<rollout>` may be `namespace/name`; add `--step-index N --pod-hash H` to act only while the Rollout is still there), `/rollouts freeze [reason]`, `/rollouts unfreeze` (the stop switch for this repository's namespaces)";
const NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const MAX_COMMANDS = 10;

export function parseCommands(body: string): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  let fenced = false;
  for (const raw of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    if (fenced || !raw.startsWith(COMMAND_PREFIX)) continue;
    const text = raw.trim();
    const words = text.split(/\s+/).slice(1);
    if (words.length === 0 && text !== COMMAND_PREFIX) continue; // `/rolloutsfoo`: not ours
    if (text.length > COMMAND_PREFIX.length && !/\s/.test(text.charAt(COMMAND_PREFIX.length)))
      continue;
    out.push(parseWords(words, text));
    if (out.length === MAX_COMMANDS) break;
  }
  return out;
}

/** Options that take a value, as `--name value` or `--name=value`. */
const VALUE_OPTIONS = ['--step-index', '--pod-hash'];

function parseWords(words: string[], text: string): ParsedCommand {
  if (words[0] === 'freeze') return { freeze: 'freeze', reason: words.slice(1).join(' '), text };
  if (words[0] === 'unfreeze')
    return words.length > 1
      ? { error: 'unfreeze takes no arguments', text }
      : { freeze: 'unfreeze', reason: '', text };
  const flags: string[] = [];
  const rest: string[] = [];
  const values = new Map<string, string | undefined>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (VALUE_OPTIONS.includes(name)) values.set(name, eq > 0 ? w.slice(eq + 1) : words[++i]);
    else (w.startsWith('--') ? flags : rest).push(w);
  }
  const [verb, target, ...extra] = rest;
  const unknownFlags = flags.filter((f) => !(f === '--full' && verb === 'promote'));
  if (verb === undefined) return { error: `no operation given; use ${COMMAND_USAGE}`, text };
  if (!['promote', 'abort', 'retry'].includes(verb))
    return { error: `unknown operation "${verb}"; use ${COMMAND_USAGE}`, text };
  if (unknownFlags.length > 0)
    return { error: `unknown option ${unknownFlags.join(', ')} for ${verb}`, text };
  if (target === undefined) return { error: `which Rollout? use ${COMMAND_USAGE}`, text };
  if (extra.length > 0)
    return { error: `one Rollout per command; unexpected "${extra.join(' ')}"`, text };
  if (!NAME.test(target)) return { error: `"${target}" is not a Rollout name`, text };
  const missing = VALUE_OPTIONS.filter((o) => values.has(o) && !values.get(o));
  if (missing.length > 0) return { error: `${missing.join(', ')} needs a value`, text };
  const seen = parseSeenState(values.get('--step-index'), values.get('--pod-hash'), {
    stepIndex: '--step-index',
    podHash: '--pod-hash',
  });
  if ('invalid' in seen) return { error: seen.invalid, text };
  const operation: CommandOperation =
    verb === 'promote'
      ? flags.includes('--full')
        ? 'promoteFull'
        : 'promote'
      : (verb as CommandOperation);
  const expected = Object.keys(seen.seen).length ? { expected: seen.seen } : {};
  return { operation, target, text, ...expected };
}

/** GitHub repository roles allowed to drive Rollouts: write access or more. */
export function canOperate(permission: string | undefined): boolean {
  return permission === 'admin' || permission === 'maintain' || permission === 'write';
}
