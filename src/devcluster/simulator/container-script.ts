import type { KubeObject } from '../api/object-meta.js';
import { runScript, type ScriptOutcome } from './shell/run-script.js';

interface EnvVar {
  name?: unknown;
  value?: unknown;
  valueFrom?: unknown;
}

export interface ContainerCommand {
  command?: unknown;
  args?: unknown;
  env?: unknown;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
/** Programs whose behaviour the shell interpreter has, run directly as a container command. */
const DIRECT = new Set(['true', 'false', 'sleep', 'test', '[', 'echo', 'printf']);

/** The container's literal `env` values; a `valueFrom` variable stays unknown (undecidable if used). */
function knownEnv(c: ContainerCommand): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of Array.isArray(c.env) ? (c.env as EnvVar[]) : []) {
    if (typeof e.name === 'string' && e.valueFrom === undefined)
      out[e.name] = typeof e.value === 'string' ? e.value : '';
  }
  return out;
}

/**
 * Kubernetes' own `$(VAR)` expansion of command and args (k8s.io/kubernetes/third_party/forked/
 * golang/expansion): `$$` is `$`, `$(NAME)` a defined variable's value, anything else unchanged.
 * A reference to a `valueFrom` variable, whose value the devcluster does not know, is undecidable.
 */
function expandKubeVars(
  text: string,
  env: Record<string, string>,
  unknown: Set<string>,
): string | undefined {
  let undecidable = false;
  const out = text.replace(/\$\$|\$\(([A-Za-z_][\w.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    if (name !== undefined && Object.hasOwn(env, name)) return env[name] ?? '';
    if (name !== undefined && unknown.has(name)) undecidable = true;
    return m;
  });
  return undecidable ? undefined : out;
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

/**
 * What one container's command does, where the devcluster can decide it: `sh -c script` (and
 * bash/ash/dash, with -e/-x flags) through the shell interpreter, or a direct `true`, `false`,
 * `sleep N`, `test …`. Undecided for anything else (an image entrypoint, another program).
 */
export function simulateContainer(
  c: ContainerCommand,
  pod: KubeObject,
  startedAt: number,
  randomSeed: string,
): ScriptOutcome {
  const command = strings(c.command ?? []);
  const args = strings(c.args ?? []);
  if (!command || !args)
    return { decided: false, reason: 'command or args are not lists of strings' };
  const env = { HOSTNAME: pod.metadata.name ?? '', ...knownEnv(c) };
  const unknown = new Set(
    (Array.isArray(c.env) ? (c.env as EnvVar[]) : [])
      .filter((e) => e.valueFrom !== undefined)
      .map((e) => String(e.name)),
  );
  const argv: string[] = [];
  for (const word of [...command, ...args]) {
    const expanded = expandKubeVars(word, env, unknown);
    if (expanded === undefined)
      return { decided: false, reason: `${word} uses a variable from valueFrom` };
    argv.push(expanded);
  }
  const [program = '', flags = '', script, ...positional] = argv;
  const name = program.slice(program.lastIndexOf('/') + 1);
  const context = { env, startedAt, randomSeed };
  if (SHELLS.has(name) && /^-[ex]*c[ex]*$/.test(flags) && script !== undefined) {
    return runScript(script, { ...context, positional, errexit: flags.includes('e') });
  }
  if (DIRECT.has(name)) {
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return runScript(quoted, { ...context, positional: [] });
  }
  return { decided: false, reason: argv.length ? `runs ${name}` : 'runs the image entrypoint' };
}

/** The seed of a pod's `$RANDOM`: its Job's namespace/name (or the pod's own name). */
export function randomSeedOf(pod: KubeObject): string {
  const job = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
  return `${pod.metadata.namespace ?? ''}/${job?.name ?? pod.metadata.name ?? ''}`;
}
