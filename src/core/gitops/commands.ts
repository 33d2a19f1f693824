/**
 * `/rollouts <operation> <name>` lines in GitHub comments (issue 7: operations from GitHub). One
 * command per line, anywhere in the comment; quoted or indented text (`>`, code blocks) is ignored
 * so that quoting a command in a reply does not run it again.
 */
export type CommandOperation = 'promote' | 'promoteFull' | 'abort' | 'retry';

export interface RolloutCommand {
  operation: CommandOperation;
  /** As written: `name` or `namespace/name`. */
  target: string;
  /** The line as written, for replies. */
  text: string;
}

export type ParsedCommand = RolloutCommand | { error: string; text: string };

export const COMMAND_PREFIX = '/rollouts';
export const COMMAND_USAGE = '`/rollouts promote [--full] <rollout>`, `/rollouts abort <rollout>`, `/rollouts retry <rollout>` (`<rollout>` may be `namespace/name`)';
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
    if (text.length > COMMAND_PREFIX.length && !/\s/.test(text.charAt(COMMAND_PREFIX.length))) continue;
    out.push(parseWords(words, text));
    if (out.length === MAX_COMMANDS) break;
  }
  return out;
}

function parseWords(words: string[], text: string): ParsedCommand {
  const flags = words.filter((w) => w.startsWith('--'));
  const rest = words.filter((w) => !w.startsWith('--'));
  const [verb, target, ...extra] = rest;
  const unknownFlags = flags.filter((f) => !(f === '--full' && verb === 'promote'));
  if (verb === undefined) return { error: `no operation given; use ${COMMAND_USAGE}`, text };
  if (!['promote', 'abort', 'retry'].includes(verb)) return { error: `unknown operation "${verb}"; use ${COMMAND_USAGE}`, text };
  if (unknownFlags.length > 0) return { error: `unknown option ${unknownFlags.join(', ')} for ${verb}`, text };
  if (target === undefined) return { error: `which Rollout? use ${COMMAND_USAGE}`, text };
  if (extra.length > 0) return { error: `one Rollout per command; unexpected "${extra.join(' ')}"`, text };
  if (!NAME.test(target)) return { error: `"${target}" is not a Rollout name`, text };
  const operation: CommandOperation = verb === 'promote' ? (flags.includes('--full') ? 'promoteFull' : 'promote') : (verb as CommandOperation);
  return { operation, target, text };
}

/** GitHub repository roles allowed to drive Rollouts: write access or more. */
export function canOperate(permission: string | undefined): boolean {
  return permission === 'admin' || permission === 'maintain' || permission === 'write';
}
