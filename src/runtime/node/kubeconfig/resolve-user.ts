import { EntryFields } from './entry-fields.js';
import type { NamedEntry } from './parse-kubeconfig.js';
import {
  EXEC_API_VERSIONS,
  type ExecApiVersion,
  type ExecConfig,
  type KubeTarget,
} from './types.js';

type UserPart = Pick<
  KubeTarget,
  'clientCertificate' | 'clientKey' | 'token' | 'tokenFile' | 'basicAuth' | 'exec'
>;

const PLUGIN_FOR: Record<string, string> = {
  gcp: 'gke-gcloud-auth-plugin',
  azure: 'kubelogin',
  oidc: 'kubelogin',
};
const IMPERSONATION = ['as', 'as-uid', 'as-groups', 'as-user-extra'];
const INTERACTIVE_MODES = ['Never', 'IfAvailable', 'Always'] as const;

/** `users[].user`: what the client presents. Problems go to `problems`, naming file and field. */
export function resolveUser(entry: NamedEntry, problems: string[]): UserPart {
  const f = new EntryFields(entry, problems);
  const user: UserPart = {};
  for (const key of ['client-certificate', 'client-key']) {
    if (f.has(key) && f.has(`${key}-data`))
      f.problem(key, `${key}-data and ${key} are both set (kubectl refuses this too); keep one`);
  }
  const cert = f.material('client-certificate');
  const key = f.material('client-key');
  const given = (k: string) => f.has(k) || f.has(`${k}-data`);
  if (given('client-certificate') && !given('client-key'))
    f.problem('client-key', 'missing: client-certificate is set, so a key is needed');
  if (given('client-key') && !given('client-certificate'))
    f.problem('client-certificate', 'missing: client-key is set, so a certificate is needed');
  if (cert) user.clientCertificate = cert;
  if (key) user.clientKey = key;
  const token = f.string('token');
  const tokenFile = f.path('tokenFile');
  if (token !== undefined) user.token = token;
  if (tokenFile !== undefined) user.tokenFile = tokenFile;
  const username = f.string('username');
  const password = f.string('password');
  if (username !== undefined || password !== undefined) {
    if (username === undefined) f.problem('username', 'missing: password is set');
    else user.basicAuth = { username, password: password ?? '' };
  }
  if ((token !== undefined || tokenFile !== undefined) && user.basicAuth) {
    f.problem(
      'token',
      'more than one authentication method (token and username/password): only one is allowed',
    );
  }
  const provider = f.raw('auth-provider');
  if (provider !== undefined && provider !== null) {
    const name = (provider as { name?: unknown }).name;
    const label = typeof name === 'string' ? ` "${name}"` : '';
    const plugin =
      (typeof name === 'string' && PLUGIN_FOR[name]) || 'gke-gcloud-auth-plugin / kubelogin';
    f.problem(
      'auth-provider',
      `auth-provider${label} is not supported: use an exec plugin (e.g. ${plugin})`,
    );
  }
  if (f.has('exec') && asRecord(f.raw('exec')) !== f.raw('exec'))
    f.problem('exec', 'expected a mapping');
  else if (f.has('exec')) {
    const exec = resolveExec(
      new EntryFields(
        { ...entry, body: asRecord(f.raw('exec')), field: `${entry.field}.exec` },
        problems,
      ),
    );
    if (exec) user.exec = exec;
  }
  // Several Impersonate-Group values need separate header lines, which fetch cannot send.
  for (const key of IMPERSONATION)
    if (f.has(key))
      f.problem(key, 'impersonation is not supported: use a user that has the rights itself');
  return user;
}

function resolveExec(f: EntryFields): ExecConfig | undefined {
  const command = f.string('command');
  if (command === undefined) f.problem('command', 'missing');
  const apiVersion = f.string('apiVersion');
  if (apiVersion === undefined)
    f.problem('apiVersion', `missing: one of ${EXEC_API_VERSIONS.join(', ')}`);
  else if (!(EXEC_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    f.problem(
      'apiVersion',
      `${apiVersion} is not supported: use ${EXEC_API_VERSIONS.join(' or ')}`,
    );
  }
  const mode =
    f.string('interactiveMode') ??
    (apiVersion === EXEC_API_VERSIONS[0] ? undefined : 'IfAvailable');
  if (mode === undefined)
    f.problem(
      'interactiveMode',
      `missing: ${apiVersion} requires one of ${INTERACTIVE_MODES.join(', ')}`,
    );
  else if (!(INTERACTIVE_MODES as readonly string[]).includes(mode))
    f.problem('interactiveMode', `expected one of ${INTERACTIVE_MODES.join(', ')}`);
  const env: ExecConfig['env'] = [];
  const rawEnv = f.raw('env');
  if (rawEnv !== undefined && rawEnv !== null) {
    const ok =
      Array.isArray(rawEnv) &&
      rawEnv.every(
        (e) =>
          typeof (e as { name?: unknown })?.name === 'string' &&
          typeof (e as { value?: unknown }).value === 'string',
      );
    if (ok) env.push(...(rawEnv as ExecConfig['env']).map(({ name, value }) => ({ name, value })));
    else f.problem('env', 'expected a list of {name, value} strings');
  }
  const args = f.strings('args');
  const provideClusterInfo = f.boolean('provideClusterInfo');
  const installHint = f.string('installHint');
  if (command === undefined || apiVersion === undefined || mode === undefined) return undefined;
  return {
    // kubectl resolves a command naming a relative path against the kubeconfig; a bare name is looked up in PATH.
    command: command.includes('/') ? f.resolvePath(command) : command,
    args,
    env,
    apiVersion: apiVersion as ExecApiVersion,
    interactiveMode: mode as ExecConfig['interactiveMode'],
    provideClusterInfo,
    ...(installHint !== undefined ? { installHint } : {}),
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}
