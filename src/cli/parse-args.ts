import { UsageError } from './cli-errors.js';

/** Flags that take a value, by long name; short forms map to them. */
const VALUE_FLAGS = new Set([
  'kubeconfig',
  'context',
  'namespace',
  'output',
  'timeout',
  'in',
  'to-revision',
  'name',
  'filename',
  'timeout-seconds',
  'loglevel',
  'step-index',
  'pod-hash',
  'config-map',
  'secret',
  'recipient',
  'reason',
  'namespace-scope',
  'cluster',
  'source',
]);
const BOOLEAN_FLAGS = new Set([
  'all-namespaces',
  'watch',
  'no-color',
  'full',
  'help',
  'short',
  'fleet',
]);
const SHORT: Record<string, string> = {
  n: 'namespace',
  o: 'output',
  t: 'timeout',
  i: 'in',
  f: 'filename',
  A: 'all-namespaces',
  w: 'watch',
  h: 'help',
};

export interface ParsedArgs {
  positionals: string[];
  /** Long flag name → value; boolean flags are `'true'` or `'false'`. */
  flags: Map<string, string>;
  /** Every value a value flag was given, in order, for flags that may repeat (`--recipient`). */
  repeated: Map<string, string[]>;
}

/**
 * kubectl-style arguments: `--flag value`, `--flag=value`, `-n value`, `-n=value`, booleans as
 * `--watch`, `--watch=false` or `-A`; `--` ends the flags. Flags may come anywhere. An unknown flag
 * or a missing value is a usage error.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const name = rawName.startsWith('--') ? rawName.slice(2) : SHORT[rawName.slice(1)];
    if (name === undefined || (!VALUE_FLAGS.has(name) && !BOOLEAN_FLAGS.has(name)))
      throw new UsageError(`unknown flag: ${rawName}`);
    if (BOOLEAN_FLAGS.has(name)) {
      if (inline !== undefined && inline !== 'true' && inline !== 'false')
        throw new UsageError(
          `invalid value for ${rawName}: ${JSON.stringify(inline)} (true or false)`,
        );
      flags.set(name, inline ?? 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`flag needs an argument: ${rawName}`);
    flags.set(name, value);
    repeated.set(name, [...(repeated.get(name) ?? []), value]);
  }
  return { positionals, flags, repeated };
}

export function flagOn(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === 'true';
}
